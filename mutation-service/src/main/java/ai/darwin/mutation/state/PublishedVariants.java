package ai.darwin.mutation.state;

import ai.darwin.events.Sha256;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.program.Program;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Variants already on the variants topic: those this process published and, after a restart, those read back from
 * the topic. A redelivered generation skips them instead of asking the LLM again; a proposal whose program one
 * of them already has is a duplicate that would spend a training budget to measure the same program twice; and a
 * variant that fails in training is found here, to go back to its agent for a runtime repair.
 */
@ApplicationScoped
public class PublishedVariants {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Set<String> variantIds = ConcurrentHashMap.newKeySet();
    /** The MUTATE variants themselves, by id: a failure of one in training goes back to its agent with it. */
    private final Map<String, VariantProposed> variants = new ConcurrentHashMap<>();
    /** By run, the first variant with each program, by the hash of its canonical text. */
    private final Map<String, Map<String, String>> programs = new ConcurrentHashMap<>();

    public void add(VariantProposed variant) {
        variantIds.add(variant.variantId());
        variants.put(variant.variantId(), variant);
        programs.computeIfAbsent(variant.runId(), run -> new ConcurrentHashMap<>())
                .putIfAbsent(canonicalHash(new Program(variant.source(), ProgramFiles.orNone(variant.files()))),
                        variant.variantId());
    }

    public boolean contains(String variantId) {
        return variantIds.contains(variantId);
    }

    /** The variant published with this id, if this service published it (or read it back). */
    public Optional<VariantProposed> variant(String variantId) {
        return Optional.ofNullable(variants.get(variantId));
    }

    /**
     * @return why the program is a duplicate (the same as its parent, or as a variant of the run already proposed),
     *         in words for the model that proposed it; empty when it is new
     */
    public Optional<String> duplicate(String runId, Program parent, Program program) {
        String hash = canonicalHash(program);
        if (hash.equals(canonicalHash(parent))) {
            return Optional.of("DUPLICATE: the program is the same as the one you were given (whitespace aside), so "
                    + "there is nothing to measure: make one real change");
        }
        return Optional.ofNullable(programs.getOrDefault(runId, Map.of()).get(hash)).map(earlier -> "DUPLICATE: "
                + "the program is the same (whitespace aside) as variant " + earlier + ", already proposed in this "
                + "run: it would be trained twice; try a different change");
    }

    /** {@link #duplicate(String, Program, Program)} of single-file programs. */
    public Optional<String> duplicate(String runId, String parentSource, String source) {
        return duplicate(runId, Program.single(parentSource), Program.single(source));
    }

    /**
     * Layout aside: a program re-indented or re-wrapped trains exactly as before. A program of several files is each
     * file's canonical text after its path; a single file's hash is what it was before programs had files.
     */
    static String canonicalHash(Program program) {
        StringBuilder text = new StringBuilder(canonical(program.entry()));
        program.files().forEach(f -> text.append("\n\0").append(f.path()).append('\0').append(canonical(f.source())));
        return Sha256.of(text.toString());
    }

    private static String canonical(String source) {
        return WHITESPACE.matcher(source).replaceAll(" ").strip();
    }
}
