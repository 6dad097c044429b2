package ai.darwin.mutation.offline;

import ai.darwin.mutation.program.JavaSource;
import ai.darwin.mutation.program.TextEdit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The search space of the learning mutator: a program read as a knob vector (its hyperparameter constants for the
 * run's preset, its activation and its normalisation), and every single coherent change the knob catalogue can make
 * to it (one constant, or width with heads), each as a finished program.
 */
public final class KnobSpace {

    /** The vector entry of the MLP activation. */
    public static final String ACTIVATION = "activation";
    /** The vector entry of the normalisation. */
    public static final String NORMALISATION = "normalisation";
    /**
     * Draws per knob when listing its changes: enough to meet every value of the catalogue's choice lists (at most 7)
     * and a spread of the continuous ones.
     */
    private static final int DRAWS = 24;

    /**
     * One change the catalogue can make.
     *
     * @param change the change, described
     * @param source the program with the change made
     * @param vector the knob vector of that program
     */
    public record Option(Change change, String source, Map<String, String> vector) {
    }

    private KnobSpace() {
    }

    /**
     * The knob vector: each constant's value (as a decimal number), the activation's and the normalisation's name,
     * sorted by name.
     *
     * @throws IllegalArgumentException when the program does not parse
     */
    public static Map<String, String> vector(String source, String preset) {
        return vector(ProgramModel.of(JavaSource.parse(source), preset));
    }

    private static Map<String, String> vector(ProgramModel program) {
        Map<String, String> vector = new TreeMap<>();
        for (Constant constant : program.constants()) {
            vector.put(constant.name(), Double.toString(constant.value()));
        }
        vector.put(ACTIVATION, ActivationKnob.current(program.source()));
        vector.put(NORMALISATION, RmsNormKnob.usesLayerNorm(program.source()) ? "LayerNorm" : "RMSNorm");
        return vector;
    }

    /**
     * The vector after a change that only sets constants, without parsing the program again (dozens of options a
     * proposal); empty when the change edits anything else.
     */
    private static Optional<Map<String, String>> changedVector(ProgramModel program, Map<String, String> parent,
                                                               Change change) {
        Map<String, String> vector = new TreeMap<>(parent);
        for (TextEdit edit : change.edits()) {
            Optional<Constant> constant = program.constants().stream()
                    .filter(c -> c.start() == edit.start() && c.end() == edit.end()).findFirst();
            if (constant.isEmpty()) {
                return Optional.empty();
            }
            vector.put(constant.get().name(), Double.toString(valueOf(edit.replacement())));
        }
        return Optional.of(vector);
    }

    /** A literal the {@link Constant#format} wrote, as a number. */
    private static double valueOf(String literal) {
        return switch (literal) {
            case "true" -> 1;
            case "false" -> 0;
            default -> Double.parseDouble(literal.replaceAll("[fFdDlL]$", ""));
        };
    }

    /**
     * Every distinct change of one knob the catalogue makes to the program, in catalogue order.
     *
     * @throws IllegalArgumentException when the program does not parse
     */
    public static List<Option> options(String source, String preset) {
        ProgramModel program = ProgramModel.of(JavaSource.parse(source), preset);
        Map<String, String> parent = vector(program);
        List<Option> options = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Knob knob : Knobs.ALL) {
            for (int draw = 0; draw < DRAWS; draw++) {
                // seeds of java.util.Random that are close give close first draws: spread them first
                Optional<Change> change = knob.propose(program, new Random(new SplittableRandom(draw).nextLong()));
                if (change.isEmpty() || !seen.add(change.get().fromTo())) {
                    continue;
                }
                String changed = TextEdit.apply(source, change.get().edits());
                options.add(new Option(change.get(), changed, changedVector(program, parent, change.get())
                        .orElseGet(() -> vector(ProgramModel.of(JavaSource.parse(changed), preset)))));
            }
        }
        return options;
    }
}
