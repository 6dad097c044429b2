package ai.darwin.training.harness;

import ai.darwin.training.harness.compile.ProgramCompiler;
import ai.darwin.training.harness.data.Dataset;
import ai.darwin.training.harness.eval.Evaluator;
import ai.darwin.training.harness.eval.ValidationScore;
import ai.darwin.training.harness.eval.ValidationSet;
import ai.darwin.training.harness.metrics.Flops;
import ai.darwin.training.harness.metrics.LossMath;
import ai.darwin.training.harness.metrics.ParameterCounter;
import ai.darwin.training.harness.metrics.PeakFlops;
import ai.darwin.training.harness.metrics.PeakMemory;
import ai.darwin.training.harness.metrics.UnigramBaseline;
import ai.darwin.training.harness.run.HarnessBudget;
import ai.darwin.training.harness.run.HarnessContext;
import ai.darwin.training.harness.run.ProgressLog;
import ai.darwin.training.sdk.ArchitectureCard;
import ai.darwin.training.sdk.TrainedModel;
import ai.darwin.training.sdk.TrainingContext;
import ai.darwin.training.sdk.TrainingProgram;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The harness's one entry point: loads the data, runs a program under its budget, evaluates the model it returns
 * and measures the run. Every failure comes back as a classified {@link HarnessReport}, never as an exception.
 */
public final class HarnessRunner {

    /** The final training loss, or the validation loss over ln V, beyond this factor of its start is divergence. */
    static final double DIVERGENCE_FACTOR = 1.5;
    /** The final training loss is the mean of this many last reports. */
    static final int FINAL_LOSS_REPORTS = 3;

    private HarnessRunner() {
    }

    public static HarnessReport run(TrainingProgram program, HarnessConfig config) {
        return run(program, config, point -> { });
    }

    /** Runs a program; {@code listener} sees each progress report as it arrives. */
    public static HarnessReport run(TrainingProgram program, HarnessConfig config, Consumer<ProgressPoint> listener) {
        return new Run(config, listener, System.nanoTime()).execute(program);
    }

    /** Compiles a program's source (see {@link ProgramCompiler}) and runs it; compile time counts in the total. */
    public static HarnessReport runSource(String source, HarnessConfig config, Consumer<ProgressPoint> listener) {
        Run run = new Run(config, listener, System.nanoTime());
        TrainingProgram program;
        try {
            program = ProgramCompiler.instantiate(ProgramCompiler.compile(source));
        } catch (HarnessException e) {
            run.compileSeconds = run.lap();
            return run.failure(e);
        }
        run.compileSeconds = run.lap();
        return run.execute(program);
    }

    /** One run's state, kept so that a failure report carries whatever was known when it failed. */
    private static final class Run {

        private final HarnessConfig config;
        private final Consumer<ProgressPoint> listener;
        private final long startNanos;
        private int vocabulary;
        private double unigram = Double.NaN;
        private ArchitectureCard architecture;
        private ProgressLog progress;
        private long lapNanos;
        private double compileSeconds;
        private double dataSeconds;
        private double engineSeconds;
        private double trainSeconds;
        private double evaluationSeconds;

        Run(HarnessConfig config, Consumer<ProgressPoint> listener, long startNanos) {
            this.config = Objects.requireNonNull(config, "config");
            this.listener = Objects.requireNonNull(listener, "listener");
            this.startNanos = startNanos;
            this.lapNanos = startNanos;
        }

        /** @return the seconds since the previous lap (or the start), starting the next one */
        double lap() {
            long now = System.nanoTime();
            double seconds = (now - lapNanos) / 1e9;
            lapNanos = now;
            return seconds;
        }

        Timings timings() {
            return new Timings(compileSeconds, dataSeconds, engineSeconds, trainSeconds, evaluationSeconds);
        }

        HarnessReport execute(TrainingProgram program) {
            try {
                return measure(program);
            } catch (HarnessException e) {
                return failure(e);
            } catch (RuntimeException | Error e) {
                // thrown by what the program left behind (its model, its arrays) outside train and logits
                return failure(Failures.classify("the run", e, false));
            }
        }

        HarnessReport failure(HarnessException e) {
            List<ProgressPoint> points = progress == null ? List.of() : progress.points();
            return new HarnessReport(null, architecture, vocabulary, unigram, points,
                    new HarnessReport.Failure(e.failureClass(), e.getMessage(), Failures.detail(e.getCause())),
                    timings());
        }

        private HarnessReport measure(TrainingProgram program) throws HarnessException {
            lap();
            Dataset data = loadData();
            vocabulary = data.tokenizer().vocabularySize();
            dataSeconds = lap();
            Engine engine = engine();
            Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            engineSeconds = lap();
            String preset = config.preset() != null ? config.preset() : device.isGpu() ? "gpu" : "cpu";
            HarnessConfig.Evaluation spec = config.evaluation() != null ? config.evaluation()
                    : preset.equals("gpu") ? HarnessConfig.Evaluation.gpu() : HarnessConfig.Evaluation.cpu();
            ValidationSet validation = validationSet(data, spec);
            unigram = UnigramBaseline.crossEntropy(data.split().train(), vocabulary, validation.targets());
            dataSeconds += lap();
            String deviceName = device.isGpu() ? Objects.requireNonNullElse(PeakFlops.gpuName(), "gpu") : "cpu";
            double peakFlops = config.peakFlops() > 0 ? config.peakFlops()
                    : device.isGpu() ? PeakFlops.forGpu(deviceName) : PeakFlops.measuredCpu();
            engineSeconds += lap();

            engine.setRandomSeed(Long.hashCode(config.seed()));
            try (NDManager manager = NDManager.newBaseManager(device)) {
                HarnessBudget budget = new HarnessBudget(config.maxTokens(), config.maxSeconds());
                progress = new ProgressLog(budget, listener);
                TrainingContext context = new HarnessContext(manager, preset, vocabulary, config.seed(),
                        data.split().train(), budget, progress);
                budget.start();
                lap();
                TrainedModel model;
                try {
                    model = program.train(context);
                } catch (Throwable e) {
                    trainSeconds = lap();
                    throw Failures.classify("train", e, budget.timeOverrun() || budget.pastGrace());
                }
                trainSeconds = budget.elapsedSeconds();
                lap();
                checkBudget(budget);
                if (model == null || model.architecture() == null) {
                    throw new HarnessException(FailureClass.CONTRACT_VIOLATION,
                            "train must return a TrainedModel with an ArchitectureCard");
                }
                architecture = model.architecture();
                if (progress.sawNonFiniteLoss()) {
                    throw new HarnessException(FailureClass.NAN_LOSS, "a reported training loss was NaN or infinite");
                }
                disableGradients(engine);
                ValidationScore score = new Evaluator(data.tokenizer(), validation).evaluate(model, manager);
                checkLoss(score.loss());
                long parameters = countParameters(model);
                long tokens = budget.tokensUsed();
                double tokensPerSecond = trainSeconds > 0 ? tokens / trainSeconds : 0;
                double flopsPerToken = Flops.perToken(parameters, architecture);
                List<ProgressPoint> points = progress.points();
                evaluationSeconds = lap();
                Metrics metrics = new Metrics(score.loss(), score.bitsPerByte(), LossMath.perplexity(score.loss()),
                        finalTrainLoss(points), tokens, points.isEmpty() ? 0 : points.get(points.size() - 1).step(),
                        tokensPerSecond, parameters, flopsPerToken, peakFlops,
                        Flops.mfu(flopsPerToken, tokensPerSecond, peakFlops), PeakMemory.bytes(), trainSeconds,
                        (System.nanoTime() - startNanos) / 1e9, deviceName);
                return new HarnessReport(metrics, architecture, vocabulary, unigram, points, null, timings());
            }
        }

        private Dataset loadData() throws HarnessException {
            try {
                return Dataset.load(config.corpus(), config.validationFraction());
            } catch (IOException | RuntimeException e) {
                throw new HarnessException(FailureClass.INFRASTRUCTURE, "cannot load corpus " + config.corpus().uri()
                        + ": " + e.getMessage(), e);
            }
        }

        private static ValidationSet validationSet(Dataset data, HarnessConfig.Evaluation spec)
                throws HarnessException {
            try {
                return ValidationSet.of(data.split().validation(), spec);
            } catch (IllegalArgumentException e) {
                throw new HarnessException(FailureClass.INFRASTRUCTURE, e.getMessage(), e);
            }
        }

        private static Engine engine() throws HarnessException {
            try {
                return Engine.getInstance();
            } catch (RuntimeException | LinkageError e) {
                throw new HarnessException(FailureClass.INFRASTRUCTURE, "the DJL engine failed to load: " + e, e);
            }
        }

        /** Evaluation needs no autograd graph; PyTorch's grad mode is per thread and may have been left on. */
        private static void disableGradients(Engine engine) {
            if ("PyTorch".equals(engine.getEngineName())) {
                JniUtils.setGradMode(false);
            }
        }

        private static void checkBudget(HarnessBudget budget) throws HarnessException {
            if (budget.timeOverrun() || budget.pastGrace()) {
                throw new HarnessException(FailureClass.TIMEOUT, "training ran " + budget.elapsedSeconds()
                        + " s, past its budget of " + budget.maxSeconds() + " s; poll budget().exhausted()");
            }
            if (budget.tokensOverdrawn()) {
                throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "the program drew batches after its "
                        + "token budget of " + budget.maxTokens() + " was exhausted; poll budget().exhausted()");
            }
        }

        private void checkLoss(double validationLoss) throws HarnessException {
            if (!Double.isFinite(validationLoss)) {
                throw new HarnessException(FailureClass.NAN_LOSS, "the validation loss was " + validationLoss);
            }
            double uniform = Math.log(vocabulary);
            if (validationLoss > DIVERGENCE_FACTOR * uniform) {
                throw new HarnessException(FailureClass.DIVERGED, "the validation loss " + validationLoss
                        + " is far above ln V = " + uniform + ", the loss of a uniform guess");
            }
            List<ProgressPoint> points = progress.points();
            if (points.size() >= 2 && finalTrainLoss(points) > DIVERGENCE_FACTOR * points.get(0).trainLoss()) {
                throw new HarnessException(FailureClass.DIVERGED, "the training loss grew from "
                        + points.get(0).trainLoss() + " to " + finalTrainLoss(points));
            }
        }

        private static long countParameters(TrainedModel model) throws HarnessException {
            try {
                return ParameterCounter.count(model.parameters());
            } catch (RuntimeException e) {
                throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "parameters() threw " + e, e);
            }
        }

        private static double finalTrainLoss(List<ProgressPoint> points) {
            return points.subList(Math.max(0, points.size() - FINAL_LOSS_REPORTS), points.size()).stream()
                    .mapToDouble(ProgressPoint::trainLoss).average().orElse(Double.NaN);
        }
    }
}
