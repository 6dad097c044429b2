package ai.darwin.mutation.offline;

import ai.darwin.mutation.program.JavaSource;
import ai.darwin.mutation.program.TextEdit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The search baseline that LLM mutation has to beat, and the mutator when no LLM is configured: it reads the
 * program's hyperparameter constants and architecture calls with JavaParser, draws one to three changes of different
 * kinds (kinds evenly, so none dominates), edits the source text in place and describes each change: what, from → to,
 * and why it might help. The same program, seed and preset always give the same variant.
 */
public final class OfflineMutator {

    /** Probabilities of one, two and three changes. */
    private static final double[] CHANGE_COUNTS = {0.45, 0.35, 0.20};

    private final List<Knob> knobs;

    public OfflineMutator() {
        this(Knobs.ALL);
    }

    OfflineMutator(List<Knob> knobs) {
        this.knobs = List.copyOf(knobs);
    }

    /**
     * @param source a program that parses
     * @param seed   the draw's seed ({@link ai.darwin.mutation.program.AssignmentSeed})
     * @param preset the run's preset ({@code cpu}, {@code gpu}), or null to change every preset's constants alike
     * @throws IllegalArgumentException when the program does not parse
     */
    public OfflineMutation mutate(String source, long seed, String preset) {
        ProgramModel program = ProgramModel.of(JavaSource.parse(source), preset);
        Random random = new Random(seed);
        int wanted = changeCount(random.nextDouble());
        Map<String, List<Knob>> open = new LinkedHashMap<>();
        knobs.forEach(knob -> open.computeIfAbsent(knob.category(), c -> new ArrayList<>()).add(knob));
        List<Change> changes = new ArrayList<>();
        while (changes.size() < wanted && !open.isEmpty()) {
            List<String> categories = new ArrayList<>(open.keySet());
            String category = categories.get(random.nextInt(categories.size()));
            List<Knob> candidates = open.get(category);
            Knob knob = candidates.remove(random.nextInt(candidates.size()));
            Optional<Change> change = knob.propose(program, random);
            if (change.isPresent()) {
                changes.add(change.get());
                // one change per kind, so that a variant's changes are of different kinds
                open.remove(category);
            } else if (candidates.isEmpty()) {
                open.remove(category);
            }
        }
        List<TextEdit> edits = changes.stream().flatMap(c -> c.edits().stream()).toList();
        return new OfflineMutation(TextEdit.apply(source, edits), changes, seed, describe(changes, seed, preset));
    }

    private static int changeCount(double u) {
        double cumulative = 0;
        for (int i = 0; i < CHANGE_COUNTS.length; i++) {
            cumulative += CHANGE_COUNTS[i];
            if (u < cumulative) {
                return i + 1;
            }
        }
        return CHANGE_COUNTS.length;
    }

    /**
     * The change itself on the first line, where the leaderboard and the terminal show a variant's reasoning (for
     * example {@code CPU_LEARNING_RATE 1e-3f → 2.4e-3f; GELU → squared ReLU}), then each change with its reason, then
     * the draw that made it.
     */
    private static String describe(List<Change> changes, long seed, String preset) {
        String draw = "Offline mutation, seed " + seed + (preset == null ? ", every preset" : ", preset " + preset) + ".";
        if (changes.isEmpty()) {
            return "No change: the program has no hyperparameter constant or architecture call the offline mutator "
                    + "knows how to change.\n" + draw;
        }
        StringBuilder text = new StringBuilder(changes.stream().map(Change::fromTo)
                .collect(Collectors.joining("; "))).append('\n');
        changes.forEach(change -> text.append(change.describe()).append('\n'));
        return text.append(draw).toString();
    }
}
