package ai.darwin.mutation.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Sends an event again, with a growing pause, until the broker acknowledges it. The producer already retries within
 * its delivery timeout; a send that still fails means the broker was away longer than that, and giving up would nack
 * the whole generation to the dead letters and leave its variants to time out. Each retry sends the same event, with
 * the same event id, so a send that did reach the broker before failing is deduplicated downstream.
 */
public final class UntilAcknowledged {

    private static final Logger LOG = Logger.getLogger(UntilAcknowledged.class);

    private final Duration firstPause;
    private final Duration maxPause;
    private final BooleanSupplier stopping;

    /** @param stopping when true, the next failure is returned instead of retried (the service is shutting down) */
    public UntilAcknowledged(Duration firstPause, Duration maxPause, BooleanSupplier stopping) {
        this.firstPause = firstPause;
        this.maxPause = maxPause;
        this.stopping = stopping;
    }

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
                LOG.warnf("%s was not acknowledged by the broker (%s); sending it again in %s", what, failure,
                        pause);
                Duration next = pause.multipliedBy(2).compareTo(maxPause) < 0 ? pause.multipliedBy(2) : maxPause;
                CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(send, what, next, done));
            }
        });
    }
}
