package ai.darwin.mutation;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.EventType;
import ai.darwin.events.Sha256;
import ai.darwin.events.Topics;
import ai.darwin.events.generation.AgentProgram;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.training.harness.SeedProgram;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Scripted runs and generations, written to and read from the real broker. */
final class Scripted {

    static final String SEED = SeedProgram.source();
    static final DatasetSpec DATASET = new DatasetSpec("tinyshakespeare.txt", null, "char", 0.1);
    static final TrainingBudget BUDGET = new TrainingBudget(200_000, 0);
    private static KafkaCompanion kafka;
    private static KafkaProducer<String, String> producer;

    private Scripted() {
    }

    static synchronized KafkaCompanion kafka() {
        if (kafka == null) {
            kafka = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
        }
        return kafka;
    }

    static RunRequested runRequested(String runId, String mutator, double costCapUsd) {
        RunConfig config = new RunConfig("scripted", 4, 3, DATASET, BUDGET, "cpu", mutator,
                mutator.equals("offline") ? null : "gpt-4o-mini",
                new FitnessSpec("lexicographic", List.of("val_bpb", "mfu"), Map.of()),
                new SelectionSpec(1, 2, "others"), 0, costCapUsd, 3, 0, 7);
        return new RunRequested(Envelope.of(runId), config, "test");
    }

    /**
     * A generation in which each listed agent rewrites the next one's program (the last rewrites the first's).
     *
     * @param programs agent id to its program
     */
    static GenerationOpened generation(String runId, int number, Map<String, String> programs, String... guidance) {
        List<AgentProgram> agents = new ArrayList<>();
        List<Assignment> assignments = new ArrayList<>();
        List<String> ids = new ArrayList<>(programs.keySet());
        for (int i = 0; i < ids.size(); i++) {
            String source = programs.get(ids.get(i));
            agents.add(new AgentProgram(ids.get(i), parentOf(runId, ids.get(i)), Sha256.of(source), source));
        }
        for (int i = 0; i < ids.size(); i++) {
            String target = ids.get((i + 1) % ids.size());
            assignments.add(new Assignment(runId + "-g" + number + "-a" + i, AssignmentKind.MUTATE, ids.get(i), target,
                    parentOf(runId, target), 1000L * number + i));
        }
        return new GenerationOpened(Envelope.of(runId), number, agents, assignments, DATASET, BUDGET, List.of(guidance),
                Instant.now().plusSeconds(600));
    }

    static String parentOf(String runId, String agentId) {
        return runId + "-" + agentId + "-parent";
    }

    /**
     * Sends an event and waits for the broker's ack, through one producer kept for all tests: a new producer would
     * stamp the record before it has even connected, which skews latencies measured from record timestamps.
     */
    static void publish(DarwinEvent event) {
        try {
            producer().send(new ProducerRecord<>(EventType.of(event).topic().name(), Topics.keyOf(event),
                    EventCodec.write(event))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event.getClass().getSimpleName(), e);
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(properties);
        }
        return producer;
    }

    static ConsumerTask<String, String> watch(String... topics) {
        return kafka().consumeStrings().fromTopics(topics);
    }

    static <T extends DarwinEvent> List<T> events(ConsumerTask<String, String> task, Class<T> type, String runId) {
        return task.getRecords().stream().map(ConsumerRecord::value).map(EventCodec::readAny)
                .filter(type::isInstance).map(type::cast).filter(e -> e.runId().equals(runId)).toList();
    }
}
