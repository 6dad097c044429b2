package ai.darwin.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.training.metrics.QueueLag;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The worker's domain metrics as Prometheus scrapes them, after it trained one variant and failed another on the
 * real broker, and the queue lag measured against a group whose offsets this test sets.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class WorkerMetricsIT {

    static final String RUN = Variants.newId("run-metrics-it");

    @Test
    void countsTrainedAndFailedVariantsAndMeasuresTheTrainedOnes() {
        VariantProposed seed = Variants.variant(RUN, Variants.newId("seed"), TestPrograms.seed(),
                new TrainingBudget(2 * Variants.SEED_STEP_TOKENS, 0));
        VariantProposed broken = Variants.variant(RUN, Variants.newId("broken"),
                TestPrograms.hostile("int broken = \"text\";"), new TrainingBudget(64, 0));
        try (KafkaCompanion kafka = new KafkaCompanion(KafkaBrokerResource.bootstrapServers())) {
            for (VariantProposed variant : new VariantProposed[] {seed, broken}) {
                kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.VARIANTS.name(), variant.variantId(),
                        EventCodec.write(variant))).awaitCompletion(Duration.ofSeconds(30));
            }
        }

        String tags = "model=\"none\",run=\"" + RUN + "\"";
        String metrics = await().atMost(Duration.ofSeconds(150)).until(WorkerMetricsIT::scrape,
                m -> m.contains("darwin_training_variants_trained_total{" + tags + "} 1.0")
                        && m.contains("darwin_training_variants_failed_total{failure_class=\"COMPILE_ERROR\"," + tags
                        + "} 1.0"));

        assertThat(value(metrics, "darwin_training_duration_seconds_count{" + tags + "}")).isEqualTo(1);
        assertThat(value(metrics, "darwin_training_duration_seconds_sum{" + tags + "}")).isPositive();
        assertThat(value(metrics, "darwin_training_throughput_tokens_per_second_sum{" + tags + "}")).isPositive();
        assertThat(value(metrics, "darwin_training_mfu_sum{" + tags + "}")).isBetween(0.0, 1.0).isPositive();
        assertThat(metrics).contains("darwin_training_queue_lag{group=\"training-service\",topic=\""
                + Topics.VARIANTS.name() + "\"}");
    }

    @Test
    void theQueueLagIsWhatTheGroupHasNotCommitted() throws Exception {
        String topic = Variants.newId("lag-it");
        String group = Variants.newId("lag-group");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers()));
             KafkaCompanion kafka = new KafkaCompanion(KafkaBrokerResource.bootstrapServers())) {
            admin.createTopics(java.util.List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            for (int i = 0; i < 5; i++) {
                kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, i % 2, "k" + i, "v" + i))
                        .awaitCompletion(Duration.ofSeconds(30));
            }
            assertThat(QueueLag.lag(admin, group, topic)).isEqualTo(OptionalLong.of(5));

            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(1))).all().get();

            // partition 0 holds 3 records, partition 1 holds 2: 1 + 1 are left
            assertThat(QueueLag.lag(admin, group, topic)).isEqualTo(OptionalLong.of(2));
        }
    }

    static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double value(String metrics, String series) {
        // a sample may end with an exemplar (" # {span_id=…,trace_id=…} …") now that the services trace
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)(?: # .*)?$").matcher(metrics);
        assertThat(m.find()).as(series + " in\n" + metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
