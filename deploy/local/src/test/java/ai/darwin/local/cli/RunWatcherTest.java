package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.training.ArchitectureCard;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.training.TrainingStarted;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A resumed run's finished work is replayed in the order it happened, not in the order the topics hand it over. */
class RunWatcherTest {

    static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    @Test
    void aVariantsStartComesBeforeItsResultWhicheverTopicIsReadFirst() {
        TrainingStarted started = new TrainingStarted(Envelope.at("run", T0.plusSeconds(2)), 0, "v-1", "w", 1);
        TrainingProgress progress = new TrainingProgress(Envelope.at("run", T0.plusSeconds(4)), 0, "v-1", "w", 10,
                1000, 3.1, 900, 5, 0.5);
        TrainingCompleted completed = new TrainingCompleted(Envelope.at("run", T0.plusSeconds(9)), 0, "v-1", "w", 7,
                new TrainingMetrics(1, 1.5, 2.7, 1, 1000, 10, 900, 1000, 0, 1e11, 0.01, 0, 8, 9, "cpu"),
                new ArchitectureCard(1, 1, 8, 8, 65), List.of());
        RunStarted run = new RunStarted(Envelope.at("run", T0));
        // the results topic read first, then the progress topic, then the runs topic
        List<DarwinEvent> arrived = List.of(completed, started, progress, run);

        assertThat(RunWatcher.inOrder(arrived)).containsExactly(run, started, progress, completed);
    }

    @Test
    void eventsOfOneMillisecondFollowAVariantsLife() {
        TrainingCompleted completed = new TrainingCompleted(Envelope.at("run", T0), 0, "v-1", "w", 7,
                new TrainingMetrics(1, 1.5, 2.7, 1, 1000, 10, 900, 1000, 0, 1e11, 0.01, 0, 8, 9, "cpu"),
                new ArchitectureCard(1, 1, 8, 8, 65), List.of());
        TrainingStarted started = new TrainingStarted(Envelope.at("run", T0), 0, "v-1", "w", 1);

        assertThat(RunWatcher.inOrder(List.of(completed, started))).containsExactly(started, completed);
    }
}
