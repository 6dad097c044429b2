package ai.darwin.selection.run;

import ai.darwin.selection.config.SelectionConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Drives deadlines and the outbox on a fixed beat. */
@ApplicationScoped
class Ticker {

    private final RunCoordinator coordinator;
    private final Instant deadlinesFrom;

    Ticker(RunCoordinator coordinator, SelectionConfig config) {
        this.coordinator = coordinator;
        this.deadlinesFrom = Instant.now().plus(config.startupGrace());
    }

    @Scheduled(every = "${darwin.selection.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        coordinator.tick(Instant.now().isAfter(deadlinesFrom));
    }
}
