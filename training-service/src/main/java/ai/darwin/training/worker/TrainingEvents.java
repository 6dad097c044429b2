package ai.darwin.training.worker;

import ai.darwin.events.EventCodec;
import ai.darwin.events.EventType;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.training.sandbox.SandboxOutcome;

/** The events a worker publishes about a variant. */
final class TrainingEvents {

    private TrainingEvents() {
    }

    static TrainingStarted started(VariantProposed variant, String workerId, int attempt) {
        return new TrainingStarted(EventCodec.newEventId(), EventType.SCHEMA_VERSION, variant.runId(), EventCodec.now(),
                variant.generation(), variant.variantId(), workerId, attempt);
    }

    static TrainingProgress progress(VariantProposed variant, String workerId, ProgressReports.Report report) {
        return new TrainingProgress(EventCodec.newEventId(), EventType.SCHEMA_VERSION, variant.runId(),
                EventCodec.now(), variant.generation(), variant.variantId(), workerId, report.step(),
                report.tokens(), report.trainLoss(), report.tokensPerSecond(), report.etaSeconds(),
                report.fractionDone());
    }

    /** @param outcome Completed or Failed */
    static TrainingResult result(VariantProposed variant, String workerId, SandboxOutcome outcome) {
        if (outcome instanceof SandboxOutcome.Completed completed) {
            return new TrainingCompleted(EventCodec.newEventId(), EventType.SCHEMA_VERSION, variant.runId(),
                    EventCodec.now(), variant.generation(), variant.variantId(), workerId, variant.trainingSeed(),
                    completed.metrics(), completed.architecture());
        }
        if (outcome instanceof SandboxOutcome.Failed failed) {
            return failed(variant, workerId, failed.failureClass(), failed.message(), failed.logTail(),
                    failed.wallSeconds());
        }
        throw new IllegalArgumentException("a cancelled run has no result");
    }

    static TrainingFailed failed(VariantProposed variant, String workerId, FailureClass failureClass, String message,
                                 String logTail, double wallSeconds) {
        return new TrainingFailed(EventCodec.newEventId(), EventType.SCHEMA_VERSION, variant.runId(), EventCodec.now(),
                variant.generation(), variant.variantId(), workerId, failureClass, message, logTail,
                Math.max(0, wallSeconds));
    }
}
