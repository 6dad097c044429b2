package ai.darwin.selection;

import static ai.darwin.selection.ScriptedEvents.completed;
import static ai.darwin.selection.ScriptedEvents.failed;
import static ai.darwin.selection.ScriptedEvents.llmProposal;
import static ai.darwin.selection.ScriptedEvents.proposal;
import static ai.darwin.selection.ScriptedEvents.repair;
import static ai.darwin.selection.ScriptedEvents.variantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.EventType;
import ai.darwin.events.Topics;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunOutcome;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.training.FailureClass;
import ai.darwin.testing.FreePorts;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.testing.ServiceProcess;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * selection-service as a separate process on the real broker, driven through three generations and the
 * verification with scripted proposals and results: out of order, duplicated, contradicted, one missing past the
 * deadline, a runtime repair, and the service killed and restarted in the middle of a generation (twice).
 */
class GenerationLifecycleIT {

    static final String RUN = "run-lifecycle";
    static MongoServer mongo;
    static KafkaCompanion kafka;
    static ServiceProcess selection;

    @BeforeAll
    static void start() throws Exception {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", FreePorts.next());
        kafka = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
        Path seed = Files.createTempFile("seed", ".java");
        Files.writeString(seed, "public class Seed { /* the seed program */ }");
        Files.createDirectories(Path.of("target"));
        selection = new ServiceProcess(Path.of("target/quarkus-app/quarkus-run.jar"), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", KafkaBrokerResource.bootstrapServers(),
                "MONGODB_URI", "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort(),
                "DARWIN_SELECTION_SEED_PROGRAM", seed.toString(),
                "DARWIN_SELECTION_DEADLINE_MINIMUM", "PT15S",
                "DARWIN_SELECTION_DEADLINE_FACTOR", "0.01",
                "DARWIN_SELECTION_STARTUP_GRACE", "PT5S",
                // the scripted run's corpus: selection checks every RunRequested it reads against the allow-list
                "DARWIN_DATASET_DIRECTORIES", "../shared/data,/data"), Path.of("target/selection-lifecycle-it.log"));
        selection.start(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (selection != null) {
            selection.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    @Test
    void generationsCloseExactlyOnceWithTheRightRankingAndTheChampionIsVerified() throws Exception {
        ConsumerTask<String, String> published = kafka.consumeStrings()
                .fromTopics(Topics.RUNS.name(), Topics.GENERATIONS.name());
        publish(ScriptedEvents.runRequested(RUN, 3, 3));

        // generation 0: the baseline, the noise floor's two more seeds of it and three mutations; a result before its
        // proposal, a failure, a contradiction
        GenerationOpened g0 = awaitOpened(published, 0);
        List<Assignment> controls = controls(g0);
        assertThat(controls).hasSize(3);
        Assignment baseline = controls.get(0);
        List<Assignment> m0 = mutations(g0);
        assertThat(m0).hasSize(3).allMatch(a -> !a.mutatorAgentId().equals(a.targetAgentId()));
        publish(completed(RUN, 0, variantId(m0.get(2)), 1.95));
        m0.forEach(a -> publish(proposal(g0, a)));
        publish(completed(RUN, 0, variantId(m0.get(0)), 1.90));
        publish(failed(RUN, 0, variantId(m0.get(1))));
        publish(completed(RUN, 0, variantId(m0.get(0)), 0.10));
        publish(completed(RUN, 0, variantId(baseline), 2.00));
        publish(completed(RUN, 0, variantId(controls.get(1)), 2.02));
        publish(completed(RUN, 0, variantId(controls.get(2)), 2.04));

        GenerationClosed c0 = awaitClosed(published, 0);
        assertThat(c0.ranking()).extracting(RankedVariant::variantId).containsExactly(variantId(m0.get(0)),
                variantId(m0.get(2)), variantId(baseline), variantId(controls.get(1)), variantId(controls.get(2)),
                variantId(m0.get(1)));
        assertThat(c0.noiseFloor().valBitsPerByte()).isCloseTo(0.04, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(c0.ranking().get(0).versusControl().valBitsPerByte())
                .isCloseTo(-0.10, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(c0.ranking().get(0).valBitsPerByte()).isEqualTo(1.90);
        assertThat(c0.ranking().get(5).outcome()).isEqualTo(VariantOutcome.FAILED);
        assertThat(c0.statistics().completed()).isEqualTo(5);
        assertThat(c0.statistics().failed()).isEqualTo(1);
        assertThat(c0.survivors()).hasSize(3).anyMatch(s -> s.variantId().equals(variantId(m0.get(0))));

        // generation 1: the service is killed after the first result and restarted; one variant never reports
        GenerationOpened g1 = awaitOpened(published, 1);
        assertThat(g1.agents()).extracting(a -> a.variantId())
                .containsExactlyElementsOf(c0.survivors().stream().map(s -> s.variantId()).toList());
        List<Assignment> m1 = mutations(g1);
        m1.forEach(a -> publish(proposal(g1, a)));
        publish(completed(RUN, 1, variantId(controls(g1).get(0)), 2.00));
        publish(completed(RUN, 1, variantId(m1.get(0)), 1.80));
        Thread.sleep(1000);
        selection.kill();
        publish(completed(RUN, 1, variantId(m1.get(1)), 1.85));
        publish(completed(RUN, 1, variantId(m1.get(0)), 1.80));
        selection.start(Duration.ofSeconds(90));

        GenerationClosed c1 = awaitClosed(published, 1);
        assertThat(c1.ranking()).extracting(RankedVariant::variantId).containsExactly(variantId(m1.get(0)),
                variantId(m1.get(1)), variantId(controls(g1).get(0)), variantId(m1.get(2)));
        assertThat(c1.ranking()).extracting(RankedVariant::outcome).containsExactly(VariantOutcome.COMPLETED,
                VariantOutcome.COMPLETED, VariantOutcome.COMPLETED, VariantOutcome.TIMED_OUT);
        assertThat(c1.statistics().timedOut()).isEqualTo(1);

        // generation 2: in order, but an LLM's variant fails in training and its runtime repair comes after a
        // restart: the generation waits for it, closes once, and ranks the repair in the failed variant's place
        GenerationOpened g2 = awaitOpened(published, 2);
        List<Assignment> m2 = mutations(g2);
        double[] bpb = {1.70, 1.75};
        for (int i = 0; i < bpb.length; i++) {
            publish(proposal(g2, m2.get(i)));
            publish(completed(RUN, 2, variantId(m2.get(i)), bpb[i]));
        }
        publish(completed(RUN, 2, variantId(controls(g2).get(0)), 2.00));
        Assignment broken = m2.get(2);
        publish(llmProposal(g2, broken));
        publish(failed(RUN, 2, variantId(broken), FailureClass.NAN_LOSS));
        Thread.sleep(1000);
        selection.kill();
        String repairId = broken.assignmentId() + "-v2";
        publish(repair(g2, broken, variantId(broken), 2));
        publish(completed(RUN, 2, repairId, 1.78));
        selection.start(Duration.ofSeconds(90));
        GenerationClosed c2 = awaitClosed(published, 2);
        assertThat(c2.ranking().get(0).variantId()).isEqualTo(variantId(m2.get(0)));
        assertThat(c2.ranking()).extracting(RankedVariant::variantId).contains(repairId)
                .doesNotContain(variantId(broken));
        assertThat(c2.statistics().failed()).isZero();
        assertThat(c2.statistics().errorResolutionRate()).isEqualTo(1.0);

        // the verification generation: seed and champion re-trained in pairs with the same three seeds
        GenerationOpened g3 = awaitOpened(published, 3);
        assertThat(g3.assignments()).hasSize(6).allMatch(a -> a.kind() == AssignmentKind.VERIFY);
        int i = 0;
        for (Assignment verify : g3.assignments()) {
            boolean champion = verify.parentVariantId().equals(variantId(m2.get(0)));
            publish(completed(RUN, 3, variantId(verify), (champion ? 1.70 : 2.00) + 0.01 * (i++ % 3)));
        }
        awaitClosed(published, 3);

        RunCompleted completed = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, RunCompleted.class), l -> !l.isEmpty()).get(0);
        assertThat(completed.outcome()).isEqualTo(RunOutcome.GENERATIONS_DONE);
        assertThat(completed.generationsCompleted()).isEqualTo(3);
        assertThat(completed.championVariantId()).isEqualTo(variantId(m2.get(0)));
        assertThat(completed.verification()).isNotNull();
        assertThat(completed.verification().improved()).isTrue();
        assertThat(completed.verification().metrics()).extracting(MetricComparison::metric)
                .containsExactly("val_bpb", "perplexity", "tokens_per_second", "mfu");
        MetricComparison valBpb = completed.verification().metrics().get(0);
        assertThat(valBpb.champion().n()).isEqualTo(3);
        assertThat(valBpb.champion().mean()).isCloseTo(1.71, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(valBpb.difference().pValue()).isLessThan(0.01);

        // exactly one generation-closed event per generation, in order, and one run start
        Thread.sleep(2000);
        assertThat(events(published, GenerationClosed.class)).extracting(GenerationClosed::generation)
                .containsExactly(0, 1, 2, 3);
        assertThat(events(published, RunStarted.class)).hasSize(1);
        published.close();
    }

    private static void publish(DarwinEvent event) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(EventType.of(event).topic().name(),
                Topics.keyOf(event), EventCodec.write(event))).awaitCompletion(Duration.ofSeconds(30));
    }

    private static GenerationOpened awaitOpened(ConsumerTask<String, String> published, int generation) {
        return await().atMost(Duration.ofSeconds(90))
                .until(() -> events(published, GenerationOpened.class).stream()
                        .filter(g -> g.generation() == generation).toList(), l -> !l.isEmpty()).get(0);
    }

    private static GenerationClosed awaitClosed(ConsumerTask<String, String> published, int generation) {
        return await().atMost(Duration.ofSeconds(90))
                .until(() -> events(published, GenerationClosed.class).stream()
                        .filter(g -> g.generation() == generation).toList(), l -> !l.isEmpty()).get(0);
    }

    private static <T extends DarwinEvent> List<T> events(ConsumerTask<String, String> published, Class<T> type) {
        return published.getRecords().stream().map(ConsumerRecord::value).map(EventCodec::readAny)
                .filter(type::isInstance).map(type::cast).filter(e -> e.runId().equals(RUN))
                .collect(Collectors.toList());
    }

    private static List<Assignment> controls(GenerationOpened opened) {
        return opened.assignments().stream().filter(a -> a.targetAgentId().equals("baseline")).toList();
    }

    private static List<Assignment> mutations(GenerationOpened opened) {
        return opened.assignments().stream().filter(a -> a.kind() == AssignmentKind.MUTATE).toList();
    }
}
