package ai.darwin.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.Envelope;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunOutcome;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.run.RunStopped;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.messaging.SelectionConsumers;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A RunRequested written straight to the runs topic, past every REST door, is checked again when selection-service
 * consumes it: a refused one ends at once with the reason for whoever asked, and nothing of it is ever assigned or
 * trained.
 */
@QuarkusTest
@WithTestResource(ChannelDriver.InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class RunRequestRefusalTest {

    @Inject
    ChannelDriver channels;

    @Test
    void aConsumedRequestForADatasetOutsideTheAllowListEndsWithTheReasonAndNeverTrains() {
        RunConfig allowed = ScriptedEvents.runRequested("unused", 2, 1).config();
        RunConfig hostile = withDataset(allowed, "/etc/passwd");
        channels.send(SelectionConsumers.RUNS, new RunRequested(Envelope.of("run-hostile"), hostile, "mallory"));

        RunStopped stopped = refusal("run-hostile");
        assertThat(stopped.reason()).startsWith("refused: dataset '/etc/passwd' is not allowed");
        assertThat(stopped.by()).isEqualTo("selection-service");
        RunCompleted completed = channels.published(EventPublisher.RUNS, RunCompleted.class, "run-hostile").get(0);
        assertThat(completed.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(completed.generationsCompleted()).isZero();

        // an allowed run sent after it starts, so the refused one had its turn: it opened no generation
        channels.start("run-allowed-after", 1, 0);
        assertThat(channels.published(EventPublisher.GENERATIONS, GenerationOpened.class, "run-hostile")).isEmpty();
        assertThat(channels.published(EventPublisher.RUNS, RunStarted.class, "run-hostile")).isEmpty();
        assertThat(channels.state("run-hostile").completed()).isTrue();

        // a redelivery changes nothing
        channels.send(SelectionConsumers.RUNS, new RunRequested(Envelope.of("run-hostile"), hostile, "mallory"));
        channels.start("run-allowed-later", 1, 0);
        assertThat(channels.published(EventPublisher.RUNS, RunStopped.class, "run-hostile")).hasSize(1);
    }

    @Test
    void aConsumedRequestTheAlgorithmCannotRunIsRefusedTooInsteadOfDeadLettered() {
        RunConfig allowed = ScriptedEvents.runRequested("unused", 2, 1).config();
        RunConfig unknownPolicy = new RunConfig(allowed.name(), allowed.population(), allowed.generations(),
                allowed.dataset(), allowed.budget(), allowed.preset(), allowed.mutator(), allowed.model(),
                allowed.fitness(), new SelectionSpec(1, 2, "everyone"), 0, 0, 3, 0, 7);
        channels.send(SelectionConsumers.RUNS, new RunRequested(Envelope.of("run-bad-policy"), unknownPolicy, "ada"));
        assertThat(refusal("run-bad-policy").reason()).contains("assignment policy must be others, self or random");
    }

    private RunStopped refusal(String run) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> channels.published(EventPublisher.RUNS, RunStopped.class, run), l -> !l.isEmpty()).get(0);
    }

    private static RunConfig withDataset(RunConfig config, String uri) {
        return new RunConfig(config.name(), config.population(), config.generations(),
                new DatasetSpec(uri, null, "char", 0.1), config.budget(), config.preset(), config.mutator(),
                config.model(), config.fitness(), config.selection(), 0, 0, 3, 0, 7);
    }
}
