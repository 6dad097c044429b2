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
 * @param smokeSeconds      the smoke step that passed before the run (its training and checks); 0 without one. A
 *                          smoke step that failed is the run's training and evaluation, in those fields
 */
public record Timings(double compileSeconds, double dataSeconds, double engineSeconds, double trainSeconds,
                      double evaluationSeconds, double smokeSeconds) {

    public static final Timings NONE = new Timings(0, 0, 0, 0, 0, 0);

    /** Timings of a run without a smoke step. */
    public Timings(double compileSeconds, double dataSeconds, double engineSeconds, double trainSeconds,
                   double evaluationSeconds) {
        this(compileSeconds, dataSeconds, engineSeconds, trainSeconds, evaluationSeconds, 0);
    }

    /** @return the seconds spent outside training and evaluation */
    public double overheadSeconds() {
        return compileSeconds + dataSeconds + engineSeconds + smokeSeconds;
    }
}
