package ai.darwin.training.harness;

import ai.darwin.training.harness.compile.ApiGrants;
import ai.darwin.training.harness.compile.CompiledProgram;
import ai.darwin.training.harness.compile.ProgramCompiler;
import ai.darwin.training.harness.compile.ProgramSource;
import ai.darwin.training.harness.eval.FreshModels;
import ai.darwin.training.harness.eval.ModelHandoff;
import ai.darwin.training.harness.eval.ModelSnapshot;
import ai.darwin.training.harness.eval.Scoring;
import ai.darwin.training.harness.eval.SmokeCheck;
import ai.darwin.training.harness.metrics.Flops;
import ai.darwin.training.harness.metrics.LossMath;
import ai.darwin.training.harness.metrics.PeakMemory;
import ai.darwin.training.harness.run.HarnessBudget;
import ai.darwin.training.harness.run.HarnessContext;
import ai.darwin.training.harness.run.PhaseWatch;
import ai.darwin.training.harness.run.ProgressLog;
import ai.darwin.training.sdk.TrainedModel;
import ai.darwin.training.sdk.TrainingProgram;
import ai.djl.ndarray.NDManager;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The harness's one entry point: prepares data and engine before any of the program's code runs, runs the program
 * under its budget, takes the trained weights, scores them with freshly built models, and measures the run. Every
 * failure comes back as a classified {@link HarnessReport}, never as an exception.
 *
 * <p>The program's code runs in three bounded phases: training (its time budget plus a grace), the hand-over of its
 * model ({@value #HANDOFF_SECONDS} s, counted as training time), and evaluation (its own limit). A phase that
 * overruns ends the run as TIMEOUT; in the child JVM, the watch's handler does that even if the program's code never
 * returns.
 *
 * <p>With a smoke step ({@link HarnessConfig#smokeSteps()}), the same phases run once before, on a fresh instance
 * whose budget is exhausted after its first steps, with the evaluation's checks on one held-out batch and no score; a
 * failure there ends the run with the class it would have ended with after the whole budget.
 */
public final class HarnessRunner {

    /** The final training loss, or the validation loss over ln V, beyond this factor of its start is divergence. */
    static final double DIVERGENCE_FACTOR = 1.5;
    /** The final training loss is the mean of this many last reports. */
    static final int FINAL_LOSS_REPORTS = 3;
    /** How long the program may take, after train returns, to hand over its model (architecture, parameters). */
    static final double HANDOFF_SECONDS = 10;

    /**
     * How a failure's message starts when the smoke step found it (see {@link HarnessConfig#smokeSteps()}). The
     * harness writes it, never the program: what a program throws comes after it.
     */
    public static final String SMOKE_MARKER = "failed in the smoke step";

    /** Called, from the watch's thread, with the TIMEOUT report of a phase that overran; may halt the JVM. */
    @FunctionalInterface
    public interface Overrun {
        void timedOut(HarnessReport report);
    }

    private HarnessRunner() {
    }

    public static HarnessReport run(TrainingProgram program, HarnessConfig config) {
        return run(program, config, point -> { });
    }

    /**
     * Runs a program instance; the harness rebuilds its model for evaluation by calling the same instance's
     * {@code train} again with a spent budget (trusted, in-process programs such as tests).
     *
     * @param listener sees each progress report as it arrives
     */
    public static HarnessReport run(TrainingProgram program, HarnessConfig config, Consumer<ProgressPoint> listener) {
        Objects.requireNonNull(program, "program");
        return new Run(config, listener, null).execute(() -> program);
    }

    /** Compiles a program's source (see {@link ProgramCompiler}) and runs it; compile time counts in the total. */
    public static HarnessReport runSource(String source, HarnessConfig config, Consumer<ProgressPoint> listener) {
        return runSource(source, config, listener, null);
    }

    /**
     * Compiles a program's source and runs it, every instance in a class loader of its own.
     *
     * @param overrun called when a phase overruns its limit, while the program's code may still be running; null
     *                to find out only when the phase returns
     */
    public static HarnessReport runSource(String source, HarnessConfig config, Consumer<ProgressPoint> listener,
                                          Overrun overrun) {
        return runSource(source, ApiGrants.NONE, config, listener, overrun);
    }

    /**
     * Compiles a program's source with the catalogue entries its run was granted ({@link ApiGrants}) and runs it.
     *
     * @param overrun called when a phase overruns its limit; null to find out only when the phase returns
     */
    public static HarnessReport runSource(String source, ApiGrants grants, HarnessConfig config,
                                          Consumer<ProgressPoint> listener, Overrun overrun) {
        return runSource(ProgramSource.single(source), grants, config, listener, overrun);
    }

    /**
     * Compiles a program of one or several files with the catalogue entries its run was granted and runs it.
     *
     * @param overrun called when a phase overruns its limit; null to find out only when the phase returns
     */
    public static HarnessReport runSource(ProgramSource program, ApiGrants grants, HarnessConfig config,
                                          Consumer<ProgressPoint> listener, Overrun overrun) {
        Run run = new Run(config, listener, overrun);
        return run.compileAndExecute(program, grants);
    }

    /** One run's state, kept so that a failure report carries whatever was known when it failed. */
    private static final class Run {

        private final HarnessConfig config;
        private final Consumer<ProgressPoint> listener;
        private final Overrun overrun;
        private final long startNanos = System.nanoTime();
        private final RunTimings timings = new RunTimings();
        private volatile Preparation prepared;
        private volatile ProgressLog progress;
        private volatile ModelSnapshot snapshot;
        private volatile String phase = "the run";
        private volatile double phaseLimit;
        /** Whether the smoke step is running: a failure's message then says so. */
        private volatile boolean smoking;

        Run(HarnessConfig config, Consumer<ProgressPoint> listener, Overrun overrun) {
            this.config = Objects.requireNonNull(config, "config");
            this.listener = Objects.requireNonNull(listener, "listener");
            this.overrun = overrun;
        }

        HarnessReport compileAndExecute(ProgramSource source, ApiGrants grants) {
            if (!prepare()) {
                return failure(preparationFailure);
            }
            CompiledProgram compiled;
            try {
                compiled = ProgramCompiler.compile(source, grants);
            } catch (HarnessException e) {
                timings.compileSeconds = timings.lap();
                return failure(e);
            }
            timings.compileSeconds = timings.lap();
            return measure(compiled::newInstance);
        }

        HarnessReport execute(FreshModels.Programs programs) {
            return prepare() ? measure(programs) : failure(preparationFailure);
        }

        private HarnessException preparationFailure;

        /** Data, engine, validation set and peak: everything that must not depend on the program's code. */
        private boolean prepare() {
            try {
                prepared = Preparation.of(config, timings);
                return true;
            } catch (HarnessException e) {
                preparationFailure = e;
                return false;
            }
        }

        private HarnessReport measure(FreshModels.Programs programs) {
            try (PhaseWatch watch = new PhaseWatch(overrun == null ? null : this::overran)) {
                if (config.smokeSteps() > 0) {
                    smoke(programs, watch);
                }
                return train(programs, watch);
            } catch (HarnessException e) {
                return failure(e);
            } catch (RuntimeException | Error e) {
                // thrown by what the program left behind (its model, its arrays) outside its own phases
                return failure(Failures.classify("the run", e, false));
            }
        }

        private HarnessReport train(FreshModels.Programs programs, PhaseWatch watch) throws HarnessException {
            HarnessBudget budget = new HarnessBudget(config.maxTokens(), config.maxSeconds());
            progress = new ProgressLog(budget, listener);
            trainModel(programs, watch, budget, "train");
            return evaluate(programs, watch, budget);
        }

        /**
         * The smoke step: the run's first {@code smokeSteps} steps (same seed, same batches, same budget as the
         * program sees it, exhausted after those steps), the hand-over, and the evaluation's checks on one held-out
         * batch. A failure here is the failure the run would have ended with, found before its budget is spent; a
         * pass leaves nothing behind (a fresh instance, manager, budget and engine seed train the run) but its time.
         */
        private void smoke(FreshModels.Programs programs, PhaseWatch watch) throws HarnessException {
            Preparation p = prepared;
            smoking = true;
            HarnessBudget budget = HarnessBudget.firstSteps(config.maxTokens(), config.maxSeconds(),
                    config.smokeSteps());
            // the smoke step's curve is not the run's: the listener (live progress) sees only the run's
            progress = new ProgressLog(budget, point -> { });
            try {
                trainModel(programs, watch, budget, "the smoke step's train");
            } catch (HarnessException e) {
                if (!budget.cutShort()) {
                    throw e;
                }
                // drew a batch past the smoke step's steps without polling exhausted(): no model to check, and not
                // a failure of the run, which judges the program by its own budget
                endSmoke();
                return;
            }
            enter("the smoke step's evaluation", p.evaluation().maxSeconds());
            try (PhaseWatch.Phase evaluation = watch.start(phaseLimit)) {
                SmokeCheck.check(p.fresh(programs, snapshot, config), p.scoringInputs(), p.engine());
                if (evaluation.overran()) {
                    throw overranPhase();
                }
            }
            timings.evaluationSeconds = timings.lap();
            endSmoke();
        }

        /** The smoke step passed or could not run: its time moves out of the run's training and evaluation. */
        private void endSmoke() {
            timings.smokeSeconds = timings.trainSeconds + timings.evaluationSeconds + timings.lap();
            timings.trainSeconds = 0;
            timings.evaluationSeconds = 0;
            snapshot = null;
            smoking = false;
        }

        /** Runs a fresh instance's {@code train} under the budget and takes its model's weights. */
        private void trainModel(FreshModels.Programs programs, PhaseWatch watch, HarnessBudget budget, String name)
                throws HarnessException {
            Preparation p = prepared;
            p.engine().setRandomSeed(Long.hashCode(config.seed()));
            try (NDManager manager = NDManager.newBaseManager(p.device())) {
                HarnessContext context = new HarnessContext(manager, p.preset(), p.vocabulary(), config.seed(),
                        p.data().split().train(), budget, progress);
                TrainingProgram program = programs.newInstance();
                timings.lap();
                enter(name, budget.graceLimitSeconds());
                TrainedModel model;
                try (PhaseWatch.Phase training = watch.start(phaseLimit)) {
                    budget.start();
                    try {
                        model = program.train(context);
                    } catch (Throwable e) {
                        timings.trainSeconds = timings.lap();
                        if (progress.sawNonFiniteLoss()) {
                            throw new HarnessException(FailureClass.NAN_LOSS, "a reported training loss was NaN or "
                                    + "infinite; training was stopped at once", e);
                        }
                        throw Failures.classify("train", e, budget.timeOverrun() || budget.pastGrace());
                    }
                }
                double trainReturned = budget.elapsedSeconds();
                enter(smoking ? "the smoke step's hand-over of the trained model" : "the hand-over of the trained "
                        + "model (architecture() and parameters())", HANDOFF_SECONDS);
                try (PhaseWatch.Phase handoff = watch.start(phaseLimit)) {
                    snapshot = ModelHandoff.take(model, p.engineArrays());
                    if (handoff.overran()) {
                        throw overranPhase();
                    }
                }
                timings.trainSeconds = budget.elapsedSeconds();
                timings.lap();
                checkBudget(budget, trainReturned);
            }
            if (progress.sawNonFiniteLoss()) {
                throw new HarnessException(FailureClass.NAN_LOSS, "a reported training loss was NaN or infinite; "
                        + "training was stopped at once");
            }
        }

        private HarnessReport evaluate(FreshModels.Programs programs, PhaseWatch watch, HarnessBudget budget)
                throws HarnessException {
            Preparation p = prepared;
            enter("evaluation", p.evaluation().maxSeconds());
            Scoring.Result scored;
            try (PhaseWatch.Phase evaluation = watch.start(phaseLimit)) {
                scored = Scoring.score(p.fresh(programs, snapshot, config), p.scoringInputs());
                if (evaluation.overran()) {
                    throw overranPhase();
                }
            }
            checkLoss(scored.score().loss());
            long tokens = budget.tokensUsed();
            double trainSeconds = timings.trainSeconds;
            double tokensPerSecond = trainSeconds > 0 ? tokens / trainSeconds : 0;
            double flopsPerToken = Flops.perToken(scored.usedParameters(), snapshot.architecture(),
                    budget.longestContext());
            double peakFlops = p.peakFor(snapshot.dominantType());
            List<ProgressPoint> points = progress.points();
            timings.evaluationSeconds = timings.lap();
            Metrics metrics = new Metrics(scored.score().loss(), scored.score().bitsPerByte(),
                    LossMath.perplexity(scored.score().loss()), finalTrainLoss(points), tokens,
                    points.isEmpty() ? 0 : points.get(points.size() - 1).step(), tokensPerSecond,
                    scored.usedParameters(), flopsPerToken, peakFlops,
                    Flops.mfu(flopsPerToken, tokensPerSecond, peakFlops), PeakMemory.bytes(), trainSeconds,
                    (System.nanoTime() - startNanos) / 1e9, p.deviceName());
            return new HarnessReport(metrics, snapshot.architecture(), p.vocabulary(), p.unigram(), points, null,
                    timings.freeze(), IntegrityFlag.check(metrics, p.valFloor()), p.valFloor());
        }

        private void enter(String name, double limitSeconds) {
            phase = name;
            phaseLimit = limitSeconds;
        }

        private HarnessException overranPhase() {
            return new HarnessException(FailureClass.TIMEOUT, phase + " ran past its limit of " + phaseLimit + " s");
        }

        /** The watch's handler: the program's code is still running past the phase's limit. */
        private void overran() {
            overrun.timedOut(failure(overranPhase()));
        }

        private void checkBudget(HarnessBudget budget, double trainReturned) throws HarnessException {
            if (budget.timeOverrun() || (budget.maxSeconds() > 0 && trainReturned > budget.graceLimitSeconds())) {
                throw new HarnessException(FailureClass.TIMEOUT, "training ran " + trainReturned + " s, past its "
                        + "budget of " + budget.maxSeconds() + " s; poll budget().exhausted()");
            }
            if (budget.tokensOverdrawn()) {
                throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "the program asked for more batches than "
                        + "its token budget of " + budget.maxTokens() + " pays for; poll budget().exhausted()");
            }
        }

        private void checkLoss(double validationLoss) throws HarnessException {
            Scoring.requireFinite(validationLoss);
            double uniform = Math.log(prepared.vocabulary());
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

        HarnessReport failure(HarnessException e) {
            Preparation p = prepared;
            ProgressLog log = progress;
            ModelSnapshot model = snapshot;
            return new HarnessReport(null, model == null ? null : model.architecture(),
                    p == null ? 0 : p.vocabulary(), p == null ? Double.NaN : p.unigram(),
                    log == null ? List.of() : log.points(),
                    new HarnessReport.Failure(e.failureClass(), smoking ? smokeMarker() + e.getMessage()
                            : e.getMessage(), Failures.detail(e.getCause())),
                    timings.freeze(), List.of(), p == null ? Double.NaN : p.valFloor());
        }

        private String smokeMarker() {
            return SMOKE_MARKER + " (its first " + config.smokeSteps() + " training steps, then the evaluation's "
                    + "checks on one held-out batch), before the full budget: ";
        }

        private static double finalTrainLoss(List<ProgressPoint> points) {
            return points.subList(Math.max(0, points.size() - FINAL_LOSS_REPORTS), points.size()).stream()
                    .mapToDouble(ProgressPoint::trainLoss).average().orElse(Double.NaN);
        }
    }
}
