package ai.darwin.events.run;

import ai.darwin.events.Require;

/** Mean and 95% confidence interval (Student t) of n measurements. */
public record SampleStatistics(int n, double mean, double ci95Low, double ci95High) {

    public SampleStatistics {
        Require.atLeast(n, 1, "n");
    }
}
