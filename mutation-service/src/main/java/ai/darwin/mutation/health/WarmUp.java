package ai.darwin.mutation.health;

import ai.darwin.mutation.llm.LlmClient;
import ai.darwin.mutation.validation.ProgramValidator;
import ai.darwin.training.harness.SeedProgram;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Warms up, in the background at start, what would otherwise make a generation's first proposals wait seconds: the
 * LLM client (its JSON schema and readers) and javac, which validates the seed program until it is fast. Readiness
 * stays down until then, and stays down with the reason on a machine where the seed does not validate (a JRE
 * without javac).
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    private static final int MAX_COMPILES = 4;
    /** A compile of the seed this fast means javac is warm. */
    private static final long WARM_MILLIS = 600;

    private volatile String state = "warming up";
    private volatile boolean ready;

    void start(@Observes StartupEvent startup, LlmClient llm, ProgramValidator validator) {
        Thread thread = new Thread(() -> run(llm, validator), "mutation-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(LlmClient llm, ProgramValidator validator) {
        long start = System.nanoTime();
        if (llm.configured()) {
            try {
                llm.warmUp();
            } catch (RuntimeException e) {
                LOG.warn("LLM client warm-up failed; the first request will try again", e);
            }
        }
        for (int round = 1; round <= MAX_COMPILES; round++) {
            long begin = System.nanoTime();
            List<String> problems = validator.validate(SeedProgram.source(), Set.of());
            if (!problems.isEmpty()) {
                state = "the seed program fails validation, so every proposal would: " + problems;
                LOG.error(state);
                return;
            }
            if ((System.nanoTime() - begin) / 1_000_000 < WARM_MILLIS) {
                break;
            }
        }
        state = "warm";
        ready = true;
        LOG.infof("warm after %d ms", (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mutation warm-up").status(ready).withData("state", state).build();
    }
}
