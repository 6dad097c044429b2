package ai.darwin.training.harness;

/**
 * Where a run's wall time went, phase by phase; a phase that did not run is 0. What is not training or evaluation is
 * the harness's overhead per variant.
 *
 * @param compileSeconds    javac and the bytecode check
 * @param dataSeconds       reading, tokenizing and splitting the corpus, building the held-out batches
 * @param engineSeconds     loading the engine and, on a CPU without a given peak, measuring the matmul peak
 * @param trainSeconds      the program's {@code train}
 * @param evaluationSeconds scoring the model on the held-out batches and counting its parameters
 */
public record Timings(double compileSeconds, double dataSeconds, double engineSeconds, double trainSeconds,
                      double evaluationSeconds) {

    public static final Timings NONE = new Timings(0, 0, 0, 0, 0);

    /** @return the seconds spent outside training and evaluation */
    public double overheadSeconds() {
        return compileSeconds + dataSeconds + engineSeconds;
    }
}
