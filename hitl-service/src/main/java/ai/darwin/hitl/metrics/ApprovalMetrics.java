package ai.darwin.hitl.metrics;

import ai.darwin.hitl.approval.ApprovalStatus;
import ai.darwin.hitl.store.HitlCollections;
import ai.darwin.platform.metrics.PolledGauge;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The approval requests waiting for a human, over every run (see the README's metrics table): counted in this
 * service's store every 15 s, not on the scrape, which would otherwise wait for MongoDB on the HTTP event loop.
 * Not tagged by run: an operator is paged by requests waiting anywhere, and the dashboard lists them by run.
 */
@ApplicationScoped
public class ApprovalMetrics {

    public static final String PENDING = "darwin.hitl.approvals.pending";
    private static final Duration INTERVAL = Duration.ofSeconds(15);

    private final MeterRegistry registry;
    private final HitlCollections collections;
    private PolledGauge pending;

    ApprovalMetrics(MeterRegistry registry, HitlCollections collections) {
        this.registry = registry;
        this.collections = collections;
    }

    void start(@Observes StartupEvent startup) {
        pending = new PolledGauge(registry, PENDING, "Approval requests waiting for a decision", Tags.empty(),
                () -> OptionalLong.of(collections.approvals()
                        .countDocuments(Filters.eq("status", ApprovalStatus.PENDING.value()))), INTERVAL);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        pending.close();
    }

    /** Counts them now rather than at the next interval. */
    public void refresh() {
        pending.poll();
    }
}
