package ai.darwin.selection;

import static ai.darwin.selection.ScriptedEvents.completed;
import static ai.darwin.selection.ScriptedEvents.proposal;
import static ai.darwin.selection.ScriptedEvents.variantId;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.generation.GenerationEvent;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.messaging.SelectionConsumers;
import ai.darwin.selection.run.RunCoordinator;
import ai.darwin.selection.store.RunState;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Drives selection-service through its channels on SmallRye's in-memory connector, as the other services would. */
@Singleton
class ChannelDriver {

    private final InMemoryConnector connector;
    private final RunCoordinator coordinator;

    ChannelDriver(@Any InMemoryConnector connector, RunCoordinator coordinator) {
        this.connector = connector;
        this.coordinator = coordinator;
    }

    /** Requests a run of two agents and waits for its generation 0. */
    GenerationOpened start(String run, int generations, int verificationInterval) {
        send(SelectionConsumers.RUNS, ScriptedEvents.runRequested(run, 2, generations, verificationInterval));
        return opened(run, 0);
    }

    /** The run as selection-service stored it last. */
    RunState state(String run) {
        return coordinator.run(run).orElseThrow();
    }

    void send(String channel, DarwinEvent event) {
        connector.source(channel).send(EventCodec.write(event));
    }

    /** Proposes every mutation of the generation and trains every variant to {@code bpb} (the seed program worse). */
    void trainAll(GenerationOpened opened, double bpb) {
        for (Assignment assignment : opened.assignments()) {
            if (assignment.kind() == AssignmentKind.MUTATE) {
                send(SelectionConsumers.VARIANTS, proposal(opened, assignment));
            }
            send(SelectionConsumers.RESULTS, completed(opened.runId(), opened.generation(), variantId(assignment),
                    bpb + (assignment.targetAgentId().equals("baseline") ? 0.5 : 0)));
        }
    }

    <T extends DarwinEvent> List<T> published(String channel, Class<T> type, String run) {
        return connector.<String>sink(channel).received().stream().map(Message::getPayload)
                .map(EventCodec::readAny).filter(type::isInstance).map(type::cast)
                .filter(e -> e.runId().equals(run)).toList();
    }

    /** How many messages a sink received, of every run. */
    <T> int sinkSize(String channel) {
        return connector.<T>sink(channel).received().size();
    }

    GenerationOpened opened(String run, int generation) {
        return awaitGeneration(GenerationOpened.class, run, generation);
    }

    GenerationClosed closed(String run, int generation) {
        return awaitGeneration(GenerationClosed.class, run, generation);
    }

    private <T extends GenerationEvent> T awaitGeneration(Class<T> type, String run, int generation) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> published(EventPublisher.GENERATIONS, type, run).stream()
                        .filter(g -> g.generation() == generation).toList(), l -> !l.isEmpty()).get(0);
    }

    /** Every channel of selection-service on SmallRye's in-memory connector. */
    public static class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>();
            config.putAll(InMemoryConnector.switchIncomingChannelsToInMemory(SelectionConsumers.RUNS,
                    SelectionConsumers.VARIANTS, SelectionConsumers.RESULTS, SelectionConsumers.INTERVENTIONS,
                    SelectionConsumers.APPROVALS));
            config.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory(EventPublisher.RUNS,
                    EventPublisher.GENERATIONS, EventPublisher.VARIANTS));
            config.put("quarkus.kafka.health.enabled", "false");
            return config;
        }

        @Override
        public void stop() {
            InMemoryConnector.clear();
        }
    }
}
