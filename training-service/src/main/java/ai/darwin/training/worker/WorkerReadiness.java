package ai.darwin.training.worker;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the ledger knows which variants already have results, and until the worker starts draining. */
@Readiness
@ApplicationScoped
public class WorkerReadiness implements HealthCheck {

    private final TrainingWorker worker;
    private final VariantLedger ledger;
    private final RunningVariants running;

    WorkerReadiness(TrainingWorker worker, VariantLedger ledger, RunningVariants running) {
        this.worker = worker;
        this.ledger = ledger;
        this.running = running;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("training worker")
                .status(ledger.caughtUpOnce() && !worker.draining())
                .withData("workerId", String.valueOf(worker.workerId()))
                .withData("ledgerCaughtUp", ledger.caughtUpOnce())
                .withData("variantsInTraining", running.count())
                .build();
    }
}
