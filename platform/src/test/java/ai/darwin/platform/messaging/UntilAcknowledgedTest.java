package ai.darwin.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
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

    @Test
    void aRecordTheBrokerCanNeverTakeIsNotSentAgain() {
        AtomicInteger sends = new AtomicInteger();
        UntilAcknowledged resend = new UntilAcknowledged(Duration.ofMillis(10), Duration.ofMillis(10), () -> false);

        CompletionStage<Void> done = resend.send(() -> {
            sends.incrementAndGet();
            return CompletableFuture.failedFuture(new KafkaException("send failed",
                    new RecordTooLargeException("The message is 3000123 bytes when serialized")));
        }, "result of v4");

        assertThatThrownBy(() -> done.toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(RecordTooLargeException.class);
        assertThat(sends).hasValue(1);
    }

    @Test
    void whatRetryingCannotFixIsToldApartFromWhatMayPass() {
        assertThat(UntilAcknowledged.unfixable(new KafkaException(new RecordTooLargeException("too large"))))
                .containsInstanceOf(RecordTooLargeException.class);
        assertThat(UntilAcknowledged.unfixable(new InvalidRecordException("bad record")))
                .containsInstanceOf(InvalidRecordException.class);
        assertThat(UntilAcknowledged.unfixable(new IllegalStateException(new SerializationException("no JSON"))))
                .containsInstanceOf(SerializationException.class);
        assertThat(UntilAcknowledged.unfixable(new TopicAuthorizationException("not allowed")))
                .containsInstanceOf(TopicAuthorizationException.class);

        assertThat(UntilAcknowledged.unfixable(new TimeoutException("Expiring 1 record(s): broker away"))).isEmpty();
        assertThat(UntilAcknowledged.unfixable(new KafkaException(new NotEnoughReplicasException("1 of 3"))))
                .isEmpty();
        assertThat(UntilAcknowledged.unfixable(new IllegalStateException("emitter not ready"))).isEmpty();
        assertThat(UntilAcknowledged.unfixable(new KafkaException("producer closed"))).isEmpty();
    }
}
