package ai.darwin.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Poison pills, through the worker inside this test's application on the real broker: a failure whose text the
 * broker could never take, and a result the broker refuses for good. Each ends as one published failure within
 * seconds, and the variant queued behind it on the same worker trains and completes. Before, the worker sent the
 * refused result again forever, and handed the variant to the next worker when it stopped.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class PoisonPillIT {

    static final String RUN = "run-poison-it";

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
    void aThreeMegabyteExceptionMessageEndsAsATruncatedFailureAndTheVariantBehindItTrains() {
        VariantProposed poison = Variants.variant(RUN, Variants.newId("poison"), TestPrograms.hostile(
                "if (ctx.vocabularySize() > 0) { throw new IllegalStateException(\"x\".repeat(3_000_000)); }"),
                new TrainingBudget(64, 0));
        VariantProposed behind = benign();
        publishInOrder(poison, behind);

        TrainingFailed failed = (TrainingFailed) awaitResult(poison);
        TrainingCompleted completed = (TrainingCompleted) awaitResult(behind);

        assertThat(failed.failureClass()).as(failed.message()).isEqualTo(FailureClass.RUNTIME_EXCEPTION);
        assertThat(failed.message()).contains("xxxx").containsPattern("… \\[\\d+ more characters cut]");
        assertThat(bytes(failed.message())).isLessThanOrEqualTo(4 * 1024);
        assertThat(bytes(failed.logTail())).isLessThanOrEqualTo(16 * 1024);
        assertThat(resultRecord(poison).value().getBytes(StandardCharsets.UTF_8)).hasSizeLessThan(32 * 1024);
        assertWithinSecondsAndThenTheNext(poison, failed, behind, completed);
    }

    @Test
    void aResultTheBrokerRefusesIsReplacedByASmallFailureAndTheVariantBehindItTrains() throws Exception {
        VariantProposed refused = Variants.variant(RUN, Variants.newId("refused"), TestPrograms.hostile(
                "if (ctx.vocabularySize() > 0) { throw new IllegalStateException(\"y\".repeat(50_000)); }"),
                new TrainingBudget(64, 0));
        VariantProposed behind = benign();
        // a truncated failure (a 4 KB message and its log) is more than this; a completed result and a failure that
        // says why a result was refused are less
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers()))) {
            setMaxMessageBytes(admin, "3000");
            try {
                publishInOrder(refused, behind);

                TrainingFailed replacement = (TrainingFailed) awaitResult(refused);
                TrainingCompleted completed = (TrainingCompleted) awaitResult(behind);

                assertThat(replacement.failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
                assertThat(replacement.message()).contains("TrainingFailed RUNTIME_EXCEPTION",
                        "could not be published", "RecordTooLargeException");
                assertThat(replacement.logTail()).startsWith("original message: ").contains("yyyy");
                assertWithinSecondsAndThenTheNext(refused, replacement, behind, completed);
            } finally {
                setMaxMessageBytes(admin, null);
            }
        }
    }

    /** Its result, once, within seconds of its start; the next variant starts right after, on the same worker. */
    private void assertWithinSecondsAndThenTheNext(VariantProposed poison, TrainingFailed failed,
                                                   VariantProposed behind, TrainingCompleted completed) {
        TrainingStarted poisonStarted = started(poison);
        TrainingStarted behindStarted = started(behind);
        assertThat(Duration.between(poisonStarted.timestamp(), failed.timestamp()))
                .as("from start to published failure").isLessThan(Duration.ofSeconds(30));
        assertThat(behindStarted.timestamp()).isAfterOrEqualTo(failed.timestamp());
        assertThat(Duration.between(failed.timestamp(), behindStarted.timestamp()))
                .as("from the failure to the next start").isLessThan(Duration.ofSeconds(5));
        assertThat(List.of(poisonStarted.workerId(), failed.workerId(), behindStarted.workerId(),
                completed.workerId())).containsOnly(failed.workerId());
        assertThat(published.of(TrainingResult.class)).filteredOn(r -> r.variantId().equals(poison.variantId()))
                .hasSize(1);
    }

    private static VariantProposed benign() {
        return Variants.variant(RUN, Variants.newId("behind"), TestPrograms.seed(),
                new TrainingBudget(2 * Variants.SEED_STEP_TOKENS, 0));
    }

    /** Both on one partition (the poison's key), so that the second is queued behind the first. */
    private void publishInOrder(VariantProposed first, VariantProposed second) {
        for (VariantProposed variant : List.of(first, second)) {
            published.kafka().produceStrings().fromRecords(new ProducerRecord<>(Topics.VARIANTS.name(), first.variantId(),
                    EventCodec.write(variant))).awaitCompletion(Duration.ofSeconds(30));
        }
    }

    private static void setMaxMessageBytes(Admin admin, String value) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TRAINING_RESULTS.name());
        ConfigEntry entry = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, value);
        AlterConfigOp op = new AlterConfigOp(entry, value == null ? AlterConfigOp.OpType.DELETE
                : AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ConfigEntry now = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return value == null ? now.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                    : value.equals(now.value());
        });
    }

    private TrainingResult awaitResult(VariantProposed variant) {
        return await().atMost(Duration.ofSeconds(120)).until(() -> published.of(TrainingResult.class).stream()
                .filter(r -> r.variantId().equals(variant.variantId())).findFirst(), r -> r.isPresent()).get();
    }

    private TrainingStarted started(VariantProposed variant) {
        return published.of(TrainingStarted.class).stream().filter(s -> s.variantId().equals(variant.variantId()))
                .findFirst().orElseThrow();
    }

    private ConsumerRecord<String, String> resultRecord(VariantProposed variant) {
        return published.records().stream().filter(r -> r.topic().equals(Topics.TRAINING_RESULTS.name()))
                .filter(r -> variant.variantId().equals(r.key())).findFirst().orElseThrow();
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
