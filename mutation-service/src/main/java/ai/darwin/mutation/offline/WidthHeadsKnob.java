package ai.darwin.mutation.offline;

import ai.darwin.mutation.program.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The width of the residual stream ({@code N_EMBD}) or the number of attention heads ({@code N_HEAD}), changed so that
 * the width stays a multiple of the heads (attention splits it evenly) with at least 8 dimensions per head.
 */
final class WidthHeadsKnob implements Knob {

    static final String WIDTH = "N_EMBD";
    static final String HEADS = "N_HEAD";
    private static final int[] HEAD_COUNTS = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32};
    private static final double[] WIDTH_FACTORS = {0.5, 0.75, 1.25, 1.5, 2.0};
    private static final int MIN_HEAD_SIZE = 8;
    private static final int MAX_WIDTH = 2048;

    @Override
    public String category() {
        return "model size";
    }

    @Override
    public Optional<Change> propose(ProgramModel program, Random random) {
        List<Constant> widths = program.constants(WIDTH);
        if (widths.isEmpty()) {
            return Optional.empty();
        }
        boolean changeHeads = random.nextDouble() < 0.4;
        double u = random.nextDouble();
        List<TextEdit> edits = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        Boolean up = null;
        for (Constant width : widths) {
            Optional<Constant> heads = program.constant(ProgramModel.prefixOf(width, WIDTH), HEADS);
            int c = (int) width.value();
            int h = heads.map(x -> (int) x.value()).orElse(1);
            if (c <= 0 || h <= 0 || c % h != 0) {
                continue;
            }
            if (changeHeads && heads.isPresent()) {
                List<Integer> candidates = IntStream.of(HEAD_COUNTS)
                        .filter(n -> n != h && c % n == 0 && c / n >= MIN_HEAD_SIZE).boxed()
                        .sorted(Comparator.comparingDouble(n -> Math.abs(Math.log((double) n / h)))).limit(3).toList();
                if (!candidates.isEmpty()) {
                    int next = candidates.get((int) (u * candidates.size()));
                    edits.add(heads.get().set(next));
                    parts.add(heads.get().name() + " " + h + " → " + next + " (head size " + c / h + " → " + c / next
                            + ")");
                    up = up == null ? next > h : up;
                }
            } else if (!changeHeads) {
                List<Integer> candidates = new ArrayList<>();
                for (double factor : WIDTH_FACTORS) {
                    int next = (int) Math.round(c * factor / h) * h;
                    if (next != c && next / h >= MIN_HEAD_SIZE && next <= MAX_WIDTH && !candidates.contains(next)) {
                        candidates.add(next);
                    }
                }
                if (!candidates.isEmpty()) {
                    int next = candidates.get((int) (u * candidates.size()));
                    edits.add(width.set(next));
                    parts.add(width.name() + " " + c + " → " + next + " (" + h + " heads of " + next / h + ")");
                    up = up == null ? next > c : up;
                }
            }
        }
        if (edits.isEmpty()) {
            return Optional.empty();
        }
        String why;
        if (changeHeads) {
            why = up ? "More, smaller heads let attention track more patterns at once for the same width and FLOPs."
                    : "Fewer, larger heads give each head more dimensions to match on, for the same width and FLOPs.";
        } else {
            why = up ? "A wider residual stream adds capacity per token; each step costs more, so this pays off if "
                    + "the budget leaves room for enough steps."
                    : "A narrower model runs more steps within the same budget, which can win when training is "
                    + "step-limited rather than capacity-limited.";
        }
        String label = changeHeads ? "attention heads" : "width";
        return Optional.of(new Change(category(), edits, label, String.join(", ", parts), why));
    }
}
