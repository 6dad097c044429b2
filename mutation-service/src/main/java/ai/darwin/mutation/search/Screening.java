package ai.darwin.mutation.search;

import ai.darwin.mutation.offline.KnobSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The order in which the learning mutator explores before its model has measurements: one knob per proposal, the
 * knobs that matter most in a short fixed token budget first, each moved the way that budget favours, then every
 * other change in a seeded order. Proposals of one generation take the order's entries one after another (each claims
 * its program), so the first generation screens several knobs, one each, instead of drawing several changes of one.
 *
 * <p>Why this order: a run trains each variant for a few hundred optimizer steps (150,000 tokens at 768 tokens a
 * step in the CPU preset), where nanoGPT's defaults were made for thousands: the schedule (a 100-step warmup), the
 * step size and the number of steps per token decide most of what a short run learns. Measured with {@code ./darwin
 * compare} on two cores, three seed pairs each, against the seed's val_bpb of 3.608: warmup 100 → 10 lowered it by
 * 0.0223 (0.62 %; pairs −0.0250, −0.0154, −0.0266), a learning rate three times the seed's by 0.0588 (1.6 %; pairs
 * −0.0531, −0.0538, −0.0695), a context of 32 tokens instead of 64 by 0.1735 (4.8 %; pairs
 * −0.1726, −0.1645, −0.1834): half the tokens a step,
 * so twice the steps. Regularisation and initialisation matter less when every token is seen about once.
 */
final class Screening {

    /**
     * One knob of the order and the move it favours.
     *
     * @param constant the constant's name without preset prefix, e.g. {@code LEARNING_RATE}
     * @param factor   the favoured new value as a multiple of the old one; of the options, the one nearest it is taken
     */
    record Prior(String constant, double factor) {
    }

    static final List<Prior> ORDER = List.of(
            new Prior("BLOCK_SIZE", 0.5),
            new Prior("LEARNING_RATE", 3.0),
            new Prior("WARMUP_STEPS", 0.1),
            new Prior("BATCH_SIZE", 0.5),
            new Prior("MIN_LR_RATIO", 0.0),
            new Prior("BETA2", 0.96),
            new Prior("WEIGHT_DECAY", 0.0));

    private Screening() {
    }

    /** The options in screening order: the prior's favoured move of each knob in turn, then the rest, shuffled. */
    static List<KnobSpace.Option> rank(List<KnobSpace.Option> options, Map<String, String> parent, long seed) {
        List<KnobSpace.Option> rest = new ArrayList<>(options);
        Collections.shuffle(rest, new Random(seed));
        List<KnobSpace.Option> ranked = new ArrayList<>();
        for (Prior prior : ORDER) {
            rest.stream().filter(o -> moves(o, parent, prior.constant()))
                    .min(Comparator.comparingDouble(o -> distance(o, parent, prior)))
                    .ifPresent(best -> {
                        ranked.add(best);
                        rest.remove(best);
                    });
        }
        ranked.addAll(rest);
        return ranked;
    }

    /** @return the prior this option is the favoured move of, or null */
    static Prior priorOf(KnobSpace.Option option, Map<String, String> parent) {
        return ORDER.stream().filter(p -> moves(option, parent, p.constant())).findFirst().orElse(null);
    }

    /** Whether the option changes this knob (its constant, for any preset) and nothing else. */
    private static boolean moves(KnobSpace.Option option, Map<String, String> parent, String constant) {
        List<String> changed = Recombination.changed(option.vector(), parent);
        return !changed.isEmpty() && changed.stream().allMatch(k -> matches(k, constant));
    }

    private static boolean matches(String key, String constant) {
        return key.equals(constant) || key.endsWith("_" + constant);
    }

    /** How far the option's move is from the favoured one, relative to the old value. */
    private static double distance(KnobSpace.Option option, Map<String, String> parent, Prior prior) {
        double worst = 0;
        for (String key : Recombination.changed(option.vector(), parent)) {
            double old = Double.parseDouble(parent.get(key));
            double next = Double.parseDouble(option.vector().get(key));
            double scale = Math.abs(old) > 1e-12 ? Math.abs(old) : 1;
            worst = Math.max(worst, Math.abs(next - old * prior.factor()) / scale);
        }
        return worst;
    }
}
