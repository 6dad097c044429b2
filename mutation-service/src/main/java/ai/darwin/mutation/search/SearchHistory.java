package ai.darwin.mutation.search;

import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.program.Program;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What each run measured, as the learning mutator needs it: the programs of its variants (from the variants topic)
 * and their outcomes (from GenerationClosed on the generations topic, which carries every variant's result of a
 * generation, failures included, with its Δ against the generation's control), plus the fingerprints of every
 * program proposed in the run, so that none is proposed twice.
 *
 * <p>Why GenerationClosed and not the training results: a result's val_bpb alone moves with the machine and the
 * training seed; the Δ against the control trained beside it in the same generation with the same seed does not,
 * and selection-service has already paired them.
 */
@ApplicationScoped
public class SearchHistory {

    /**
     * A measured outcome.
     *
     * @param loss    Δ val_bpb against the control (0 when within the run's noise floor: a tie), +∞ for a failure
     * @param control whether the variant is its generation's control: the unmodified seed program
     */
    public record Outcome(String variantId, double loss, boolean control) {

        /** The outcome of a variant that is not a control. */
        public Outcome(String variantId, double loss) {
            this(variantId, loss, false);
        }
    }

    private final Map<String, Map<String, String>> sources = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Outcome>> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> fingerprints = new ConcurrentHashMap<>();
    /** Published programs not fingerprinted yet: a fingerprint costs a parse, which the topic reader must not wait for. */
    private final Map<String, Queue<VariantProposed>> unindexed = new ConcurrentHashMap<>();

    /** A variant published (by this service or another): its program; its fingerprint is taken when next needed. */
    public void onVariant(VariantProposed variant) {
        sources.computeIfAbsent(variant.runId(), r -> new ConcurrentHashMap<>())
                .put(variant.variantId(), variant.source());
        unindexed.computeIfAbsent(variant.runId(), r -> new ConcurrentLinkedQueue<>()).add(variant);
    }

    private void index(String runId) {
        Queue<VariantProposed> queue = unindexed.get(runId);
        if (queue == null) {
            return;
        }
        // one indexer at a time, so that no claim passes while a polled program is not yet indexed
        synchronized (queue) {
            for (VariantProposed variant = queue.poll(); variant != null; variant = queue.poll()) {
                fingerprints.computeIfAbsent(runId, r -> new ConcurrentHashMap<>())
                        .putIfAbsent(ProgramFingerprint.of(new Program(variant.source(),
                                ProgramFiles.orNone(variant.files()))), variant.variantId());
            }
        }
    }

    /** A generation closed: every variant's outcome. */
    public void onClosed(GenerationClosed closed) {
        Map<String, Outcome> run = outcomes.computeIfAbsent(closed.runId(), r -> new ConcurrentHashMap<>());
        Double controlBpb = closed.ranking().stream().filter(r -> r.variantId().equals(closed.controlVariantId()))
                .map(RankedVariant::valBitsPerByte).findFirst().orElse(null);
        for (RankedVariant ranked : closed.ranking()) {
            lossOf(ranked, closed.controlVariantId(), controlBpb)
                    .ifPresent(loss -> run.put(ranked.variantId(), new Outcome(ranked.variantId(), loss,
                            ranked.variantId().equals(closed.controlVariantId()))));
        }
    }

    private static Optional<Double> lossOf(RankedVariant ranked, String controlId, Double controlBpb) {
        if (ranked.outcome() != VariantOutcome.COMPLETED) {
            return Optional.of(Double.POSITIVE_INFINITY);
        }
        if (ranked.variantId().equals(controlId)) {
            return Optional.of(0.0);
        }
        if (ranked.versusControl() != null) {
            return Optional.of(Boolean.TRUE.equals(ranked.versusControl().withinNoise()) ? 0.0
                    : ranked.versusControl().valBitsPerByte());
        }
        // older events, or a generation whose control failed: no Δ to learn from without the machine's noise
        return Optional.empty();
    }

    /** The run's measured programs: each with an outcome and a known program. */
    public List<Measured> measured(String runId) {
        Map<String, String> programs = sources.getOrDefault(runId, Map.of());
        List<Measured> measured = new ArrayList<>();
        for (Outcome outcome : outcomes.getOrDefault(runId, Map.of()).values()) {
            String source = programs.get(outcome.variantId());
            if (source != null) {
                measured.add(new Measured(outcome, source));
            }
        }
        return measured;
    }

    /** A measured program. */
    public record Measured(Outcome outcome, String source) {
    }

    /**
     * Takes a program's fingerprint for a variant, once per run.
     *
     * @return the variant that already holds it (empty when this one now does, or already did)
     */
    public Optional<String> claim(String runId, String fingerprint, String variantId) {
        index(runId);
        String holder = fingerprints.computeIfAbsent(runId, r -> new ConcurrentHashMap<>())
                .putIfAbsent(fingerprint, variantId);
        return holder == null || holder.equals(variantId) ? Optional.empty() : Optional.of(holder);
    }

    /**
     * Gives back a fingerprint the variant claimed but will not propose (the hybrid's LLM replaced the optimiser's
     * choice), so that a later proposal may still make that program; a fingerprint another variant holds stays.
     */
    public void release(String runId, String fingerprint, String variantId) {
        fingerprints.getOrDefault(runId, Map.of()).remove(fingerprint, variantId);
    }

    /** The variant whose program has this fingerprint in the run, if any. */
    public Optional<String> holder(String runId, String fingerprint) {
        index(runId);
        return Optional.ofNullable(fingerprints.getOrDefault(runId, Map.of()).get(fingerprint));
    }
}
