package ai.darwin.training.worker;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once this worker may run untrusted code: it isolates it (or its operator allowed it not to) and has
 * calibrated. DOWN carries the reason, e.g. that bubblewrap is missing and how to fix it; a worker running
 * variants without the OS-level wall says so in its data.
 */
@Readiness
@ApplicationScoped
public class SandboxReadiness implements HealthCheck {

    private final SandboxStatus status;

    SandboxReadiness(SandboxStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("training sandbox")
                .status(status.open())
                .withData("containment", status.containment())
                .withData("unisolated", status.unisolated());
        if (status.open()) {
            response.withData("device", status.device()).withData("peakFlops", String.valueOf(status.peakFlops()));
        } else {
            response.withData("reason", status.reason());
        }
        return response.build();
    }
}
