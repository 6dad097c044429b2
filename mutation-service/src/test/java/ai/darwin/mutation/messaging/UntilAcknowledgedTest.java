package ai.darwin.mutation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UntilAcknowledgedTest {

    @Test
    void aSendTheBrokerRefusesIsSentAgainUntilItIsAcknowledged() throws Exception {
        AtomicInteger sends = new AtomicInteger();
        UntilAcknowledged resend = new UntilAcknowledged(Duration.ofMillis(10), Duration.ofMillis(40), () -> false);

        CompletionStage<Void> done = resend.send(() -> sends.incrementAndGet() <= 3
                ? CompletableFuture.failedFuture(new IllegalStateException("broker away"))
                : CompletableFuture.completedFuture(null), "variant v1");

        done.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(sends).hasValue(4);
    }

    @Test
    void aSendThatThrowsIsRetriedLikeOneThatFails() throws Exception {
        AtomicInteger sends = new AtomicInteger();
        UntilAcknowledged resend = new UntilAcknowledged(Duration.ofMillis(10), Duration.ofMillis(10), () -> false);

        resend.send(() -> {
            if (sends.incrementAndGet() == 1) {
                throw new IllegalStateException("emitter not ready");
            }
            return CompletableFuture.completedFuture(null);
        }, "variant v2").toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(sends).hasValue(2);
    }

    @Test
    void aStoppingServiceGivesUpAndReportsTheFailure() {
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicInteger sends = new AtomicInteger();
        UntilAcknowledged resend = new UntilAcknowledged(Duration.ofMillis(10), Duration.ofMillis(10), stopping::get);

        CompletionStage<Void> done = resend.send(() -> {
            if (sends.incrementAndGet() == 2) {
                stopping.set(true);
            }
            return CompletableFuture.failedFuture(new IllegalStateException("broker away"));
        }, "variant v3");

        assertThatThrownBy(() -> done.toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("broker away");
        assertThat(sends).hasValue(2);
    }
}
