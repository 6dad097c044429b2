package ai.darwin.platform.messaging;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

/**
 * Sends an event again, with a growing pause, until the broker acknowledges it. The producer already retries within
 * its delivery timeout; a send that still fails means the broker was away longer than that, and giving up would
 * lose the event (a generation nacked to the dead letters, a variant's result never published). Each retry sends the
 * same event, with the same event id, so a send that did reach the broker before failing is deduplicated downstream.
 *
 * <p>A failure that sending again cannot fix ({@link #unfixable}: the record is too large, malformed, or refused for
 * good) is not retried: the stage fails with it at once, for the caller to send something else. Retrying it would
 * hold up everything queued behind the event, forever.
 */
public final class UntilAcknowledged {

    private static final Logger LOG = Logger.getLogger(UntilAcknowledged.class);
    private static final int MAX_CAUSES = 32;

    private final Duration firstPause;
    private final Duration maxPause;
    private final BooleanSupplier stopping;

    /** @param stopping when true, the next failure is returned instead of retried (the service is shutting down) */
    public UntilAcknowledged(Duration firstPause, Duration maxPause, BooleanSupplier stopping) {
        this.firstPause = firstPause;
        this.maxPause = maxPause;
        this.stopping = stopping;
    }

    /**
     * @return the Kafka error in the failure's causes that no retry can fix: a serialization error, or an error of
     *         the Kafka protocol that Kafka does not mark retriable (record too large, invalid record, not
     *         authorized, ...). Empty for what may pass: a broker away, a timeout, an emitter not ready.
     */
    public static Optional<RuntimeException> unfixable(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return Optional.empty();
            }
            if (cause instanceof SerializationException || cause instanceof ApiException) {
                return Optional.of((RuntimeException) cause);
            }
        }
        return Optional.empty();
    }

    /**
     * @param send sends the event once; its stage completes when the broker acknowledged it
     * @param what names the event in the log
     * @return completes once the broker acknowledged the event; fails with the last failure when the service is
     *         stopping, or at once with a failure that retrying cannot fix
     */
    public CompletionStage<Void> send(Supplier<CompletionStage<Void>> send, String what) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(send, what, firstPause, done);
        return done;
    }

    private void attempt(Supplier<CompletionStage<Void>> send, String what, Duration pause,
                         CompletableFuture<Void> done) {
        CompletionStage<Void> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                done.complete(null);
            } else if (stopping.getAsBoolean()) {
                done.completeExceptionally(failure);
            } else {
                unfixable(failure).ifPresentOrElse(refusal -> {
                    LOG.warnf("%s was refused for good, not sent again: %s", what, refusal);
                    done.completeExceptionally(failure);
                }, () -> retry(send, what, pause, done, failure));
            }
        });
    }

    private void retry(Supplier<CompletionStage<Void>> send, String what, Duration pause,
                       CompletableFuture<Void> done, Throwable failure) {
        LOG.warnf("%s was not acknowledged by the broker (%s); sending it again in %s", what, failure, pause);
        Duration next = pause.multipliedBy(2).compareTo(maxPause) < 0 ? pause.multipliedBy(2) : maxPause;
        CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> attempt(send, what, next, done));
    }
}
