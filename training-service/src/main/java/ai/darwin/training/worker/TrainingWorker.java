package ai.darwin.training.worker;

import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.IntegrityGate;
import ai.darwin.events.training.TrainedCorpus;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.input.DatasetSources;
import ai.darwin.platform.input.DatasetsConfig;
import ai.darwin.platform.messaging.UntilAcknowledged;
import ai.darwin.platform.text.BoundedText;
import ai.darwin.training.config.TrainingConfig;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.messaging.TrainingPublisher;
import ai.darwin.training.metrics.WorkerMetrics;
import ai.darwin.training.messaging.VariantIntake;
import ai.darwin.training.sandbox.Calibration;
import ai.darwin.training.sandbox.Cancellation;
import ai.darwin.training.sandbox.Corpora;
import ai.darwin.training.sandbox.Isolation;
import ai.darwin.training.sandbox.Sandbox;
import ai.darwin.training.sandbox.SandboxFactory;
import ai.darwin.training.sandbox.SandboxOutcome;
import ai.darwin.training.sandbox.SandboxRequest;
import ai.darwin.training.sandbox.SandboxSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Trains one variant: skips it when it already has a result, announces the start, runs it in the sandbox while
 * publishing its progress, and publishes exactly one result, returning only once the broker has it. A run cut
 * short by a shutdown or a lost partition is abandoned without a result, for another worker to train.
 */
@ApplicationScoped
public class TrainingWorker {

    /** What became of a variant. */
    public enum Disposition {
        /** It has a result on the results topic: its offset may be committed. */
        DONE,
        /** It was left for another worker: its offset must not be committed. */
        ABANDONED
    }

    private static final Logger LOG = Logger.getLogger(TrainingWorker.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    /** How often a worker waiting for the broker checks whether it is stopping. */
    private static final Duration STOP_CHECK = Duration.ofMillis(200);

    private final TrainingConfig config;
    private final TrainingPublisher publisher;
    private final VariantLedger ledger;
    private final RunningVariants running;
    private final SandboxStatus status;
    private final VariantIntake intake;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;
    /** A result the broker did not acknowledge is sent again until it does: at least once. */
    private final UntilAcknowledged resend = new UntilAcknowledged(Duration.ofSeconds(1), Duration.ofSeconds(30),
            () -> draining);
    private String workerId;
    private Sandbox sandbox;
    private final DatasetsConfig datasets;
    private CorpusGate corpora;
    private ScheduledExecutorService ticker;
    private Thread calibration;
    @Inject
    WorkerMetrics metrics;

    TrainingWorker(TrainingConfig config, TrainingPublisher publisher, VariantLedger ledger, RunningVariants running,
                   SandboxStatus status, VariantIntake intake, DatasetsConfig datasets) {
        this.config = config;
        this.datasets = datasets;
        this.publisher = publisher;
        this.ledger = ledger;
        this.running = running;
        this.status = status;
        this.intake = intake;
    }

    /**
     * Decides the children's wall at start, so that a missing classpath stops the service at once and a worker
     * that cannot isolate says so and takes no variants (they stay for other workers). Then calibrates in the
     * background: the variants channel opens once the engine is extracted and the peak measured.
     */
    void start(@Observes StartupEvent event) {
        workerId = config.workerId().filter(id -> !id.isBlank()).orElseGet(WorkerIdentity::defaultId);
        DatasetSources sources = datasets.sources();
        corpora = new CorpusGate(new Corpora(SandboxFactory.workRoot(config).resolve("corpora"), sources), sources,
                datasets.maxExtraCorpusSize().asLongValue());
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "darwin-training-progress");
            thread.setDaemon(true);
            return thread;
        });
        Isolation.Decision decision = SandboxFactory.isolation(config, System.getenv());
        if (decision.refused()) {
            LOG.errorf("worker %s: %s", workerId, decision.refusal());
            status.refuse(decision.refusal());
            return;
        }
        if (decision.warning() != null) {
            LOG.warnf("worker %s: %s", workerId, decision.warning());
        }
        SandboxSettings settings = SandboxFactory.settings(config, System.getenv(), decision.containment());
        sandbox = new Sandbox(settings, System.getenv());
        status.calibrating(decision.containment().describe(), !decision.containment().isolated());
        LOG.infof("worker %s: %d variant(s) at a time, %d thread(s) each, child classpath %s, children behind %s",
                workerId, config.concurrency(), settings.threads(), settings.classpath().get(0).getParent(),
                decision.containment().describe());
        calibration = new Thread(() -> calibrate(settings), "darwin-calibration");
        calibration.setDaemon(true);
        calibration.start();
    }

    /**
     * One trusted child loads the engine (extracting libtorch into DJL's cache, which variants only read) and
     * measures this device's peak; every variant is then scored against that one figure, never re-measured.
     */
    private void calibrate(SandboxSettings settings) {
        try {
            Calibration.Result result = Calibration.run(settings, System.getenv(),
                    config.sandbox().calibrationTimeout());
            double peak = config.peakFlops().orElse(result.peakFlops());
            status.calibrated(result.device(), peak);
            LOG.infof("worker %s calibrated: %s, peak %.3g FLOP/s%s, engine loaded in %.1f s; taking variants",
                    workerId, result.device(), peak, config.peakFlops().isPresent() ? " (pinned)" : "",
                    result.engineSeconds());
            intake.open();
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException ? e.getMessage() : e.toString();
            LOG.errorf("worker %s takes no variants: its calibration child failed: %s", workerId, why);
            status.calibrationFailed(why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status.calibrationFailed("interrupted: the worker is shutting down");
        }
    }

    /**
     * A CPU's peak measured while the machine was busy comes out low (1.4e10 at a load of 20 against 1.8e11 idle,
     * measured here), and every honest variant then seems to beat it. A result above the peak keeps its flag — its
     * measurement failed — but before the next variant the worker measures again, outside any scored run, and keeps
     * the higher figure: a matmul cannot run faster than the device's peak, so a higher measurement is a better one.
     */
    private void refinePeakAfter(SandboxOutcome outcome) {
        if (!(outcome instanceof SandboxOutcome.Completed completed) || config.peakFlops().isPresent()
                || !"cpu".equals(completed.metrics().device()) || completed.integrityFlags().stream()
                .noneMatch(flag -> flag.gate() == IntegrityGate.MFU_ABOVE_PEAK) || draining) {
            return;
        }
        try {
            Calibration.Result again = Calibration.run(sandbox.settings(), System.getenv(),
                    config.sandbox().calibrationTimeout());
            if (status.raisePeak(again.peakFlops())) {
                LOG.infof("worker %s: a result beat the measured peak; measured again: %.3g FLOP/s", workerId,
                        status.peakFlops());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("worker %s: measuring the peak again failed, keeping %.3g FLOP/s: %s", workerId,
                    status.peakFlops(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * On SIGTERM, before the consumer closes: take no more variants, kill the running children and give their
     * variants back to the group uncommitted.
     */
    void drain(@Observes @Priority(1) ShutdownEvent event) {
        draining = true;
        if (calibration != null) {
            calibration.interrupt();
        }
        running.cancelAll("the worker is shutting down");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    public String workerId() {
        return workerId;
    }

    public boolean draining() {
        return draining;
    }

    /**
     * @param variant   the variant to train
     * @param partition where it came from, for cancelling it when the partition moves; null outside Kafka
     */
    public Disposition process(VariantProposed variant, TopicPartition partition) {
        inFlight.incrementAndGet();
        try {
            if (draining) {
                return Disposition.ABANDONED;
            }
            String id = variant.variantId();
            if (!ledger.awaitCaughtUp(config.ledgerCatchUpTimeout())) {
                LOG.warnf("the ledger did not catch up within %s; deciding on %s with what it has",
                        config.ledgerCatchUpTimeout(), id);
            }
            if (ledger.hasResult(id)) {
                LOG.infof("variant %s already has a result: not training it again", id);
                return Disposition.DONE;
            }
            int attempt = ledger.starts(id) + 1;
            Cancellation cancellation = running.start(id, partition);
            try {
                await(publisher.publish(TrainingEvents.started(variant, workerId, attempt)), "TrainingStarted", id);
                LOG.infof("training variant %s (run %s, generation %d, attempt %d)", id, variant.runId(),
                        variant.generation(), attempt);
                Trained trained = train(variant, attempt, cancellation);
                SandboxOutcome outcome = trained.outcome();
                if (outcome instanceof SandboxOutcome.Cancelled cancelled) {
                    LOG.infof("variant %s abandoned to the group: %s", id, cancelled.reason());
                    return Disposition.ABANDONED;
                }
                TrainingResult result = TrainingEvents.result(variant, workerId, outcome, trained.corpora());
                Disposition disposition = publishResult(result);
                metrics.recorded(variant, result);
                refinePeakAfter(outcome);
                return disposition;
            } finally {
                running.finish(id);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** A sandbox's outcome, and the corpora the variant trained on (empty when it never reached training). */
    private record Trained(SandboxOutcome outcome, List<TrainedCorpus> corpora) {
    }

    private Trained train(VariantProposed variant, int attempt, Cancellation cancellation) {
        if (!status.open()) {
            // the intake stays closed until then; this only guards a variant that slipped through
            return new Trained(new SandboxOutcome.Cancelled("this worker does not train yet: " + status.reason()),
                    List.of());
        }
        HarnessConfig harness;
        CorpusGate.Mixture mixture;
        try {
            checkSource(variant);
            mixture = corpora.resolve(variant);
            harness = harnessConfig(variant, mixture);
        } catch (CorpusGate.Refused e) {
            return new Trained(new SandboxOutcome.Failed(FailureClass.DATASET_REFUSED, e.getMessage(), "", 0),
                    List.of());
        } catch (IllegalArgumentException | IOException e) {
            return new Trained(new SandboxOutcome.Failed(FailureClass.INFRASTRUCTURE, e.getMessage(), "", 0),
                    List.of());
        }
        ProgressReports reports = new ProgressReports(harness.maxTokens(), harness.maxSeconds());
        long interval = config.progressInterval().toMillis();
        ScheduledFuture<?> progress = ticker.scheduleAtFixedRate(() -> publishProgress(variant, reports), interval,
                interval, TimeUnit.MILLISECONDS);
        SandboxOutcome outcome;
        try {
            // the grants as the event names them: the sandbox refuses any that its catalogue does not hold
            outcome = sandbox.run(new SandboxRequest(variant.variantId() + "-" + attempt, variant.source(), harness,
                    variant.grantsOrNone(), variant.filesOrNone()), reports::record, cancellation);
        } finally {
            progress.cancel(false);
        }
        if (!(outcome instanceof SandboxOutcome.Cancelled)) {
            publishProgress(variant, reports);
        }
        return new Trained(outcome, mixture.trained());
    }

    /** @throws IllegalArgumentException for what is wrong with the variant's event, not its program */
    private static void checkSource(VariantProposed variant) {
        if (!"char".equals(variant.dataset().tokenizer())) {
            throw new IllegalArgumentException("the harness provides the 'char' tokenizer, not '"
                    + variant.dataset().tokenizer() + "'");
        }
        if (!ProgramFiles.sha256(variant.source(), variant.files()).equalsIgnoreCase(variant.sourceSha256())) {
            throw new IllegalArgumentException("the variant's sourceSha256 " + variant.sourceSha256()
                    + " is not the hash of its program: the event was corrupted or built wrongly");
        }
    }

    private HarnessConfig harnessConfig(VariantProposed variant, CorpusGate.Mixture mixture) {
        return new HarnessConfig(mixture.corpus(), variant.dataset().validationFraction(),
                variant.budget().maxTokens(), variant.budget().maxSeconds(), variant.trainingSeed(), preset(variant),
                null, status.peakFlops(), mixture.extras(), variant.budget().smokeStepsOrNone());
    }

    /**
     * The run's preset, which the variant carries: the mutators edited that preset's constants, so a GPU worker
     * training a CPU run's variant must train the CPU preset too. The worker's own preset (or, unset, its device's)
     * applies only to a variant that names none.
     */
    private String preset(VariantProposed variant) {
        return variant.preset() != null ? variant.preset() : config.preset().orElse(null);
    }

    private void publishProgress(VariantProposed variant, ProgressReports reports) {
        reports.next().ifPresent(report -> publisher.publish(TrainingEvents.progress(variant, workerId, report))
                .exceptionally(e -> {
                    LOG.debugf("progress of %s not published: %s", variant.variantId(), e.toString());
                    return null;
                }));
    }

    /**
     * Publishes the variant's one result, sending it again while the broker is away. A result the broker refuses for
     * good (too large, invalid) is replaced by a small failure that says why, so that no result can hold up the
     * variants queued behind it. Returns without a result only when this worker is going away, or when not even
     * that failure could be published.
     */
    private Disposition publishResult(TrainingResult result) {
        String id = result.variantId();
        ledger.awaitCaughtUp(config.ledgerCatchUpTimeout());
        if (ledger.hasResult(id)) {
            LOG.warnf("another worker published a result for %s meanwhile; dropping this one", id);
            return Disposition.DONE;
        }
        Throwable failure = sendUntilAcknowledged(result);
        if (failure == null) {
            return published(result);
        }
        Optional<RuntimeException> refusal = UntilAcknowledged.unfixable(failure);
        if (refusal.isEmpty()) {
            return Disposition.ABANDONED;
        }
        TrainingFailed replacement = TrainingEvents.unpublishable(result, refusal.get());
        LOG.warnf("variant %s: the broker refused its %s for good (%s); publishing a %s failure in its place", id,
                result.getClass().getSimpleName(), refusal.get(), replacement.failureClass());
        Throwable again = sendUntilAcknowledged(replacement);
        if (again == null) {
            return published(replacement);
        }
        if (UntilAcknowledged.unfixable(again).isPresent()) {
            LOG.errorf("variant %s: the broker refused even the failure in place of its result (%s); it is left "
                    + "to the group, and this worker goes on", id, again);
        }
        return Disposition.ABANDONED;
    }

    private Disposition published(TrainingResult result) {
        ledger.recordResult(result.variantId());
        LOG.infof("variant %s: %s", result.variantId(), describe(result));
        return Disposition.DONE;
    }

    /** @return null once the broker has the result; else why not: a refusal for good, or this worker stopping */
    private Throwable sendUntilAcknowledged(TrainingResult result) {
        CompletableFuture<Void> sent = resend.send(() -> publisher.publish(result),
                result.getClass().getSimpleName() + " of " + result.variantId()).toCompletableFuture();
        while (true) {
            try {
                sent.get(STOP_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                return null;
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                if (draining) {
                    return new CancellationException("the worker is stopping");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e;
            }
        }
    }

    private static boolean await(CompletionStage<Void> sent, String what, String variantId) {
        try {
            sent.toCompletableFuture().get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("%s of %s was not acknowledged by the broker: %s", what, variantId, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(TrainingResult result) {
        if (result instanceof TrainingCompleted completed) {
            return String.format("completed, val_bpb %.4f, %.0f tokens/s, MFU %.3f",
                    completed.metrics().valBitsPerByte(), completed.metrics().tokensPerSecond(),
                    completed.metrics().mfu());
        }
        TrainingFailed failed = (TrainingFailed) result;
        return "failed, " + failed.failureClass() + ": "
                + BoundedText.headBytes(failed.message().lines().findFirst().orElse(""), 200);
    }
}
