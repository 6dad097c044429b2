package ai.darwin.selection.run;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Drives deadlines and the outbox on a fixed beat. */
@ApplicationScoped
class Ticker {

    private final RunCoordinator coordinator;

    Ticker(RunCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Scheduled(every = "${darwin.selection.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        coordinator.tick();
    }
}
