package ai.darwin.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.training.TrainingProgressEvent;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.testing.ServiceProcess;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three training-service processes on the real broker, one variant: the worker that starts it is stopped with
 * SIGTERM mid-training, the worker that takes it over is killed with SIGKILL mid-training, and the third trains it.
 * Each hands the variant on without a result and leaves no child JVM behind; exactly one result is recorded.
 */
class WorkerFailoverIT {

    static final String RUN = "run-failover-it";
    static final String GROUP = "training-service";
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final Map<String, ServiceProcess> WORKERS = new LinkedHashMap<>();
    static KafkaCompanion kafka;

    @BeforeAll
    static void startWorkers() {
        kafka = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
        for (String id : List.of("worker-a", "worker-b", "worker-c")) {
            Map<String, String> environment = new HashMap<>();
            environment.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBrokerResource.bootstrapServers());
            environment.put("DARWIN_TRAINING_WORKER_ID", id);
            environment.put("DARWIN_TRAINING_SANDBOX_WORK_ROOT", workRoot(id).toString());
            environment.put("DARWIN_TRAINING_PROGRESS_INTERVAL", "PT0.5S");
            environment.put("DARWIN_TRAINING_PEAK_FLOPS", "1e11");
            environment.put("DARWIN_TRAINING_SANDBOX_HEAP", "512m");
            // a worker reads only corpora on the dataset allow-list: the test corpus's folder
            environment.put("DARWIN_DATASET_DIRECTORIES", TestPrograms.shakespeare().getParent().toString());
            environment.put("DARWIN_TRAINING_SANDBOX_MEMORY_LIMIT", "2g");
            environment.put("OPENAI_API_KEY", "sk-darwin-test-secret-must-not-leak");
            // the broker's shortest session: a killed worker's partitions move 4 s sooner than in production
            environment.put("MP_MESSAGING_INCOMING_VARIANTS_SESSION_TIMEOUT_MS", "6000");
            environment.put("MP_MESSAGING_INCOMING_VARIANTS_HEARTBEAT_INTERVAL_MS", "2000");
            WORKERS.put(id, new ServiceProcess(JAR, environment, Path.of("target/failover-" + id + ".log")));
        }
        CompletableFuture.allOf(WORKERS.values().stream()
                .map(worker -> CompletableFuture.runAsync(() -> worker.start(Duration.ofSeconds(120))))
                .toArray(CompletableFuture[]::new)).join();
    }

    @AfterAll
    static void stopWorkers() {
        WORKERS.values().forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aVariantSurvivesAStoppedAndAKilledWorkerAndGetsExactlyOneResult() throws Exception {
        awaitStableGroup(3);
        ConsumerTask<String, String> published = kafka.consumeStrings()
                .fromTopics(Topics.TRAINING_PROGRESS.name(), Topics.TRAINING_RESULTS.name());
        VariantProposed variant = Variants.variant(RUN, Variants.newId("failover"), TestPrograms.chattySeed(),
                new TrainingBudget(0, 10));
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.VARIANTS.name(), variant.variantId(),
                EventCodec.write(variant))).awaitCompletion(Duration.ofSeconds(30));

        // attempt 1: stopped gracefully mid-training
        String first = awaitTraining(published, variant, 1);
        long stopping = System.nanoTime();
        WORKERS.get(first).stop();
        assertThat((System.nanoTime() - stopping) / 1e9).as("a worker stops promptly").isLessThan(20);
        assertNoChildOf(first);

        // attempt 2: killed mid-training
        String second = awaitTraining(published, variant, 2);
        assertThat(second).isNotEqualTo(first);
        WORKERS.get(second).kill();
        assertNoChildOf(second);

        // attempt 3: the last worker trains it
        String third = awaitTraining(published, variant, 3);
        assertThat(third).isNotIn(first, second);
        TrainingResult result = await().atMost(Duration.ofSeconds(120))
                .until(() -> events(published, TrainingResult.class, variant), l -> !l.isEmpty()).get(0);
        assertThat(result).isInstanceOf(TrainingCompleted.class);
        assertThat(((TrainingCompleted) result).workerId()).isEqualTo(third);

        Thread.sleep(3000);
        assertThat(events(published, TrainingResult.class, variant)).hasSize(1);
        assertThat(events(published, TrainingStarted.class, variant)).extracting(TrainingStarted::attempt)
                .containsExactly(1, 2, 3);
        published.close();
    }

    /** @return the id of the worker whose attempt reported progress */
    private static String awaitTraining(ConsumerTask<String, String> published, VariantProposed variant,
                                        int attempt) {
        TrainingStarted started = await().atMost(Duration.ofSeconds(90))
                .until(() -> events(published, TrainingStarted.class, variant).stream()
                        .filter(s -> s.attempt() == attempt).toList(), l -> !l.isEmpty()).get(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> events(published, TrainingProgress.class, variant)
                .stream().anyMatch(p -> p.workerId().equals(started.workerId())));
        return started.workerId();
    }

    /** The worker's sandbox children, found by their private directories, are all gone. */
    private static void assertNoChildOf(String workerId) {
        String root = workRoot(workerId).toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().map(line -> line.contains(root)).orElse(false)));
    }

    private static void awaitStableGroup(int members) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                return group.groupState() == GroupState.STABLE && group.members().size() == members
                        && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    private static Path workRoot(String workerId) {
        try {
            return Files.createDirectories(Path.of("target", "failover-work", workerId)).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T extends DarwinEvent> List<T> events(ConsumerTask<String, String> published, Class<T> type,
                                                          VariantProposed variant) {
        return published.getRecords().stream().map(ConsumerRecord::value).map(EventCodec::readAny)
                .filter(type::isInstance).map(type::cast).filter(e -> e.runId().equals(RUN))
                .filter(e -> variantId(e).equals(variant.variantId())).collect(Collectors.toList());
    }

    private static String variantId(DarwinEvent event) {
        return event instanceof TrainingResult r ? r.variantId() : ((TrainingProgressEvent) event).variantId();
    }
}
