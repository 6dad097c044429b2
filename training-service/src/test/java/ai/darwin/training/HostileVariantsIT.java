package ai.darwin.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.training.harness.hostile.Attacks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The harness's whole catalogue of hostile programs, as variants queued on one partition for a real worker on the
 * real broker, behind the seed itself: each ends as its classified failure or a score no better than the seed's at
 * the same budget and seed, never flagged as believable when it is not, and the worker starts the next variant
 * within seconds of publishing each result.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@TestProfile(HostileVariantsIT.PinnedPeak.class)
class HostileVariantsIT {

    /**
     * A peak far above this machine's: the attacks are judged on their scores, and a peak measured while the shared
     * test machine is busy (it can come out six times too low) would flag honest throughput as impossible.
     */
    public static class PinnedPeak implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("darwin.training.peak-flops", "1e13");
        }
    }

    static final String RUN = "run-hostile-it";
    static final TrainingBudget BUDGET = new TrainingBudget(4 * Variants.SEED_STEP_TOKENS, 0);

    PublishedEvents published;

    @BeforeEach
    void follow() {
        published = new PublishedEvents(RUN);
    }

    @AfterEach
    void close() {
        published.close();
    }

    @Test
    void everyAttackEndsAsAFailureOrNoBetterThanTheSeedAndTheWorkerGoesOn() {
        VariantProposed honest = Variants.variant(RUN, Variants.newId("honest"), TestPrograms.seed(), BUDGET);
        List<Attacks.Attack> attacks = Attacks.all(TestPrograms.seed());
        List<VariantProposed> queue = new ArrayList<>(List.of(honest));
        attacks.forEach(attack -> queue.add(Variants.variant(RUN, Variants.newId("attack"), attack.source(), BUDGET)));
        for (VariantProposed variant : queue) {
            published.kafka().produceStrings().fromRecords(new ProducerRecord<>(Topics.VARIANTS.name(),
                    honest.variantId(), EventCodec.write(variant))).awaitCompletion(Duration.ofSeconds(30));
        }

        List<TrainingResult> results = queue.stream().map(this::awaitResult).toList();

        TrainingCompleted seed = (TrainingCompleted) results.get(0);
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < attacks.size(); i++) {
            Attacks.Attack attack = attacks.get(i);
            TrainingResult result = results.get(i + 1);
            if (attack.outcome() instanceof Attacks.Fails fails) {
                softly.assertThat(result).as(attack.name()).isInstanceOf(TrainingFailed.class);
                if (result instanceof TrainingFailed failed) {
                    softly.assertThat(failed.failureClass().name()).as(attack.name() + ": " + failed.message())
                            .isEqualTo(fails.failureClass().name());
                    softly.assertThat(failed.message()).as(attack.name()).contains(fails.messagePart());
                }
            } else {
                softly.assertThat(result).as(attack.name()).isInstanceOf(TrainingCompleted.class);
                if (result instanceof TrainingCompleted completed) {
                    softly.assertThat(completed.metrics().valBitsPerByte()).as(attack.name())
                            .isGreaterThanOrEqualTo(seed.metrics().valBitsPerByte() - 1e-9);
                    softly.assertThat(completed.metrics().parameters()).as(attack.name())
                            .isEqualTo(seed.metrics().parameters());
                    softly.assertThat(completed.integrityFlags()).as(attack.name()).isEmpty();
                }
            }
        }
        for (int i = 1; i < queue.size(); i++) {
            TrainingStarted next = started(queue.get(i));
            softly.assertThat(Duration.between(results.get(i - 1).timestamp(), next.timestamp()))
                    .as("from the result of %s to the start of the next", queue.get(i - 1).variantId())
                    .isLessThan(Duration.ofSeconds(10));
        }
        softly.assertAll();
        assertThat(seed.integrityFlags()).isEmpty();
    }

    private TrainingResult awaitResult(VariantProposed variant) {
        return await().atMost(Duration.ofSeconds(180)).until(() -> published.of(TrainingResult.class).stream()
                .filter(r -> r.variantId().equals(variant.variantId())).findFirst(), r -> r.isPresent()).get();
    }

    private TrainingStarted started(VariantProposed variant) {
        return published.of(TrainingStarted.class).stream().filter(s -> s.variantId().equals(variant.variantId()))
                .findFirst().orElseThrow();
    }
}
