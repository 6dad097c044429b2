package ai.darwin.training.harness;

import ai.darwin.training.sdk.ArchitectureCard;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one run: metrics and architecture when it succeeded, a classified failure when not.
 *
 * @param metrics         the measurements; null on failure
 * @param architecture    the model's declared shape; null when training produced no model
 * @param vocabularySize  V of the corpus; 0 when the corpus could not be loaded
 * @param unigramValLoss  the cross-entropy a unigram model of the training text scores on the same held-out
 *                        tokens, a floor any trained model should beat; NaN when not evaluated
 * @param progress        the training curve the program reported
 * @param failure         why it failed; null on success
 * @param timings         the wall time of each phase that ran
 * @param integrityFlags  the sanity gates a completed run tripped; it must never be crowned when there are any
 * @param valFloor        the lowest val_bpb the harness believes for this corpus; NaN when the data did not load
 */
public record HarnessReport(Metrics metrics, ArchitectureCard architecture, int vocabularySize,
                            double unigramValLoss, List<ProgressPoint> progress, Failure failure, Timings timings,
                            List<IntegrityFlag> integrityFlags, double valFloor) {

    public HarnessReport {
        progress = List.copyOf(progress);
        timings = Objects.requireNonNullElse(timings, Timings.NONE);
        integrityFlags = integrityFlags == null ? List.of() : List.copyOf(integrityFlags);
        if ((metrics == null) == (failure == null)) {
            throw new IllegalArgumentException("a report has either metrics or a failure");
        }
    }

    /** A report without phase timings, flags or floor. */
    public HarnessReport(Metrics metrics, ArchitectureCard architecture, int vocabularySize, double unigramValLoss,
                         List<ProgressPoint> progress, Failure failure) {
        this(metrics, architecture, vocabularySize, unigramValLoss, progress, failure, Timings.NONE, List.of(),
                Double.NaN);
    }

    /** @return whether the run produced metrics */
    public boolean succeeded() {
        return failure == null;
    }

    /**
     * A classified failure.
     *
     * @param failureClass the class
     * @param message      what went wrong, precise enough for whoever edits the program to fix it
     * @param detail       a stack trace or compiler output; may be empty
     */
    public record Failure(FailureClass failureClass, String message, String detail) {

        public Failure {
            Objects.requireNonNull(failureClass, "failureClass");
            message = Failures.bounded(Objects.requireNonNullElse(message, ""), Failures.MAX_MESSAGE_CHARS);
            detail = Failures.bounded(Objects.requireNonNullElse(detail, ""), Failures.MAX_DETAIL_CHARS);
        }
    }
}
