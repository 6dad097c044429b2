package ai.darwin.training.worker;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainedCorpus;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.text.BoundedText;
import ai.darwin.training.sandbox.SandboxOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The events a worker publishes about a variant. Every text in them that a program can influence (a failure's
 * message and log tail, the device name a child reports) is bounded here, when the event is made: an exception with a
 * 3 MB message once made a result the broker refused, and the worker that retried it trained nothing else.
 */
final class TrainingEvents {

    /** A failure's message: the first lines of an exception or of javac's diagnostics. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024;
    /** A failure's log tail: the end of the program's output and the stack trace. */
    static final int MAX_LOG_TAIL_BYTES = 16 * 1024;
    /** A device name such as {@code NVIDIA H100 80GB HBM3}. */
    static final int MAX_DEVICE_BYTES = 256;
    /** What a failure published in place of an unpublishable result quotes of the original message. */
    static final int MAX_QUOTED_BYTES = 512;

    private TrainingEvents() {
    }

    static TrainingStarted started(VariantProposed variant, String workerId, int attempt) {
        return new TrainingStarted(Envelope.of(variant.runId()), variant.generation(), variant.variantId(), workerId,
                attempt);
    }

    static TrainingProgress progress(VariantProposed variant, String workerId, ProgressReports.Report report) {
        return new TrainingProgress(Envelope.of(variant.runId()), variant.generation(), variant.variantId(), workerId,
                report.step(), report.tokens(), report.trainLoss(), report.tokensPerSecond(), report.etaSeconds(),
                report.fractionDone());
    }

    /**
     * @param outcome Completed or Failed
     * @param corpora what a completed variant trained on: the run's corpus, then its approved extras
     */
    static TrainingResult result(VariantProposed variant, String workerId, SandboxOutcome outcome,
                                 List<TrainedCorpus> corpora) {
        if (outcome instanceof SandboxOutcome.Completed completed) {
            return new TrainingCompleted(Envelope.of(variant.runId()), variant.generation(), variant.variantId(),
                    workerId, variant.trainingSeed(), bounded(completed.metrics()), completed.architecture(),
                    completed.integrityFlags(), corpora.isEmpty() ? null : corpora);
        }
        if (outcome instanceof SandboxOutcome.Failed failed) {
            return failed(variant, workerId, failed.failureClass(), failed.message(), failed.logTail(),
                    failed.wallSeconds());
        }
        throw new IllegalArgumentException("a cancelled run has no result");
    }

    static TrainingFailed failed(VariantProposed variant, String workerId, FailureClass failureClass, String message,
                                 String logTail, double wallSeconds) {
        return failed(variant.runId(), variant.generation(), variant.variantId(), workerId, failureClass, message,
                logTail, wallSeconds);
    }

    /**
     * The failure published in place of a result the broker refused for good. The program is to blame when the
     * refused result was a failure carrying its text and the broker refused that content (too large, invalid);
     * anything else is the deployment's problem.
     *
     * @param refused the result that could not be published
     * @param refusal the error that no retry can fix
     */
    static TrainingFailed unpublishable(TrainingResult refused, RuntimeException refusal) {
        boolean programsText = refused instanceof TrainingFailed && (refusal instanceof RecordTooLargeException
                || refusal instanceof RecordBatchTooLargeException || refusal instanceof InvalidRecordException
                || refusal instanceof SerializationException);
        String what = refused instanceof TrainingFailed failed
                ? "TrainingFailed " + failed.failureClass() : refused.getClass().getSimpleName();
        String message = "the original result (" + what + ", "
                + EventCodec.write(refused).getBytes(StandardCharsets.UTF_8).length
                + " bytes of JSON) could not be published: the broker refused it for good ("
                + refusal.getClass().getSimpleName() + ": " + refusal.getMessage() + ")";
        String quoted = refused instanceof TrainingFailed failed
                ? "original message: " + BoundedText.headBytes(failed.message(), MAX_QUOTED_BYTES) : "";
        double wallSeconds = refused instanceof TrainingFailed failed ? failed.wallSeconds()
                : ((TrainingCompleted) refused).metrics().totalSeconds();
        return failed(refused.runId(), refused.generation(), refused.variantId(), refused.workerId(),
                programsText ? FailureClass.CONTRACT_VIOLATION : FailureClass.INFRASTRUCTURE, message, quoted,
                wallSeconds);
    }

    private static TrainingFailed failed(String runId, int generation, String variantId, String workerId,
                                         FailureClass failureClass, String message, String logTail,
                                         double wallSeconds) {
        return new TrainingFailed(Envelope.of(runId), generation, variantId, workerId, failureClass,
                BoundedText.headBytes(message, MAX_MESSAGE_BYTES), BoundedText.tailBytes(logTail, MAX_LOG_TAIL_BYTES),
                Math.max(0, wallSeconds));
    }

    private static TrainingMetrics bounded(TrainingMetrics m) {
        String device = BoundedText.headBytes(m.device(), MAX_DEVICE_BYTES);
        if (m.device() == null || device.equals(m.device())) {
            return m;
        }
        return new TrainingMetrics(m.valLoss(), m.valBitsPerByte(), m.perplexity(), m.finalTrainLoss(),
                m.tokensTrained(), m.steps(), m.tokensPerSecond(), m.parameters(), m.flopsPerToken(), m.peakFlops(),
                m.mfu(), m.peakMemoryBytes(), m.trainSeconds(), m.totalSeconds(), device);
    }
}
