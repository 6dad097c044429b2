package ai.darwin.selection.ga;

import ai.darwin.events.generation.ControlDelta;
import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.training.TrainingMetrics;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The run's noise floor, and each variant against its generation's control. The floor is measured on the control
 * (the unmodified seed program) trained with several seeds in generation 0: twice the sample standard deviation of
 * each metric across those seeds. One standard deviation would call a third of pure noise a difference; twice it
 * holds about 95 % of one measurement's spread, so what passes it is unlikely to be the seed alone. It stays a ranking
 * rule: the verification, with its own paired test, decides what counts as an improvement.
 */
public final class NoiseFloors {

    /** How many standard deviations of the control's seeds make the floor. */
    public static final double STANDARD_DEVIATIONS = 2;

    private NoiseFloors() {
    }

    /** @return the floor from the control's completed seeds, or null with fewer than two */
    public static NoiseFloor measure(List<TrainingMetrics> controlSeeds) {
        if (controlSeeds.size() < 2) {
            return null;
        }
        boolean sameDevice = controlSeeds.stream().map(TrainingMetrics::device).distinct().count() == 1;
        return new NoiseFloor(controlSeeds.size(), spread(controlSeeds, Metric.VAL_BPB),
                sameDevice ? spread(controlSeeds, Metric.MFU) : null,
                sameDevice ? spread(controlSeeds, Metric.TOKENS_PER_SECOND) : null,
                sameDevice ? controlSeeds.get(0).device() : null);
    }

    /**
     * A variant minus its generation's control; throughput only when both trained on the same kind of device.
     *
     * @param floor the run's noise floor, or null while none was measured
     */
    public static ControlDelta versus(TrainingMetrics variant, TrainingMetrics control, NoiseFloor floor) {
        boolean sameDevice = variant.device().equals(control.device());
        double valBpb = variant.valBitsPerByte() - control.valBitsPerByte();
        return new ControlDelta(valBpb, sameDevice ? variant.mfu() - control.mfu() : null,
                sameDevice ? variant.tokensPerSecond() - control.tokensPerSecond() : null,
                floor == null ? null : Math.abs(valBpb) <= floor.valBitsPerByte());
    }

    private static double spread(List<TrainingMetrics> seeds, Metric metric) {
        SummaryStatistics statistics = new SummaryStatistics();
        seeds.forEach(m -> statistics.addValue(metric.of(m)));
        return STANDARD_DEVIATIONS * statistics.getStandardDeviation();
    }
}
