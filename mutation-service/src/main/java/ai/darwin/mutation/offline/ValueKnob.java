package ai.darwin.mutation.offline;

import ai.darwin.mutation.program.TextEdit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A hyperparameter held in named constants ({@code LEARNING_RATE}, or one per preset: {@code CPU_LEARNING_RATE}):
 * one random draw moves every matching constant the same way, so that presets stay consistent.
 *
 * @param constant the hyperparameter's name without preset prefix
 * @param category the kind of change
 * @param label    what it is, in words
 * @param rule     the new value for an old one and a uniform draw in [0, 1); NaN when there is none
 * @param whyUp    why raising it might help
 * @param whyDown  why lowering it might help
 */
record ValueKnob(String constant, String category, String label, Rule rule, String whyUp, String whyDown)
        implements Knob {

    /** A new value from an old one and a uniform draw {@code u} in [0, 1); NaN when no other value fits. */
    interface Rule {
        double next(double old, double u);
    }

    @Override
    public Optional<Change> propose(ProgramModel program, Random random) {
        List<Constant> constants = program.constants(constant);
        if (constants.isEmpty()) {
            return Optional.empty();
        }
        double u = random.nextDouble();
        List<TextEdit> edits = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        Boolean up = null;
        for (Constant c : constants) {
            double next = rule.next(c.value(), u);
            if (Double.isNaN(next) || c.format(next).equals(c.literal()) || next == c.value()) {
                continue;
            }
            edits.add(c.set(next));
            parts.add(c.name() + " " + c.literal() + " → " + c.format(next));
            up = up == null ? next > c.value() : up;
        }
        if (edits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Change(category, edits, label, String.join(", ", parts), up ? whyUp : whyDown));
    }

    /**
     * One of a set of values other than the old one: the first half of the draws goes up, the second down (where
     * there is room), so that constants of several presets move the same way.
     */
    static Rule choice(double... values) {
        return (old, u) -> {
            double[] above = Arrays.stream(values).filter(v -> v > old && !close(v, old)).sorted().toArray();
            double[] below = Arrays.stream(values).filter(v -> v < old && !close(v, old))
                    .map(v -> -v).sorted().map(v -> -v).toArray();
            boolean up = u < 0.5;
            double within = up ? 2 * u : 2 * u - 1;
            double[] side = up ? above : below;
            return pick(side.length > 0 ? side : up ? below : above, within);
        };
    }

    /**
     * The old value times a factor drawn log-uniformly from [1/range, range], at least 10% away from 1 (NaN for an
     * old value of 0).
     */
    static Rule logUniform(double range) {
        return (old, u) -> {
            double exponent = (2 * u - 1) * Math.log(range);
            if (Math.abs(exponent) < 0.1) {
                exponent = Math.copySign(0.1, exponent);
            }
            return old == 0 ? Double.NaN : roundTo2Digits(old * Math.exp(exponent));
        };
    }

    /** An integer: the old value plus one of the steps, kept within [min, max]. */
    static Rule step(int min, int max, int... steps) {
        return (old, u) -> pick(Arrays.stream(steps).mapToDouble(s -> old + s).filter(v -> v >= min && v <= max)
                .toArray(), u);
    }

    /** An integer: the old value scaled by one of the factors and rounded, kept within [min, max]. */
    static Rule scale(int min, int max, double... factors) {
        return (old, u) -> pick(Arrays.stream(factors).map(f -> Math.round(old * f))
                .filter(v -> v >= min && v <= max && v != old).distinct().toArray(), u);
    }

    /** A flag, flipped. */
    static Rule toggle() {
        return (old, u) -> old != 0 ? 0 : 1;
    }

    private static double roundTo2Digits(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(2)).doubleValue();
    }

    private static double pick(double[] candidates, double u) {
        return candidates.length == 0 ? Double.NaN : candidates[(int) (u * candidates.length)];
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }
}
