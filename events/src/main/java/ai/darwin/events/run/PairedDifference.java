package ai.darwin.events.run;

import ai.darwin.events.Require;

/**
 * The champion minus the seed program over re-trainings paired by seed (each pair trained with the same training
 * seed, one after the other), with the paired t-test's interval and p-value.
 *
 * @param pairs          the pairs that went in (both re-trainings completed, on the same kind of device for
 *                       throughput metrics)
 * @param meanDifference mean of champion − seed; for val_bpb, negative is better
 * @param ciLow          lower end of the interval of the mean difference
 * @param ciHigh         upper end
 * @param confidence     the interval's level: the level each look of the sequential test used, 1 − alpha / looks,
 *                       so that the val_bpb interval excludes 0 exactly when that look called a difference
 * @param pValue         two-sided paired t-test
 */
public record PairedDifference(int pairs, double meanDifference, double ciLow, double ciHigh, double confidence,
                               double pValue) {

    public PairedDifference {
        Require.atLeast(pairs, 2, "pairs");
    }
}
