package ai.darwin.mutation.messaging;

import ai.darwin.events.EventCodec;
import ai.darwin.events.MalformedEventException;
import ai.darwin.events.Topics;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationEvent;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalEvent;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.run.RunEvent;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.state.Approvals;
import ai.darwin.mutation.state.CostLedger;
import ai.darwin.mutation.state.OpenedGenerations;
import ai.darwin.mutation.state.PublishedVariants;
import ai.darwin.mutation.state.RunRegistry;
import ai.darwin.mutation.search.SearchHistory;
import ai.darwin.platform.kafka.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The state mutation-service keeps, read from the topics rather than a database: run configurations (runs),
 * upgrade requests and decisions (approvals), the variants already published with their cost and program
 * (variants), and from generations each run's latest opened generation, which a runtime repair works within,
 * and what each generation measured (GenerationClosed, for the learning mutator). A {@link TopicFollower} reads
 * every partition of the four topics from the beginning, then follows them.
 *
 * <p>This is a table read, not work taken from a queue: every instance needs all of it. Records it cannot read are
 * skipped (their own consumers dead-letter them). Generations wait for the first catch-up, up to
 * {@code darwin.mutation.read-back-timeout}, so that a redelivered generation after a restart sees what was
 * already published.
 */
@ApplicationScoped
public class StateReader {

    private static final Logger LOG = Logger.getLogger(StateReader.class);

    private final MutationConfig config;
    private final RunRegistry runs;
    private final Approvals approvals;
    private final PublishedVariants published;
    private final CostLedger ledger;
    private final SearchHistory history;
    private final OpenedGenerations generations;
    private final TopicFollower follower;

    StateReader(MutationConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                RunRegistry runs, Approvals approvals, PublishedVariants published, CostLedger ledger,
                SearchHistory history, OpenedGenerations generations) {
        this.generations = generations;
        this.config = config;
        this.runs = runs;
        this.approvals = approvals;
        this.published = published;
        this.ledger = ledger;
        this.history = history;
        this.follower = new TopicFollower("mutation-service-state-reader", kafka,
                List.of(Topics.RUNS.name(), Topics.APPROVALS.name(), Topics.VARIANTS.name(),
                        Topics.GENERATIONS.name()),
                record -> apply(record.topic(), record.value()));
    }

    void start(@Observes StartupEvent startup) {
        if (config.readBack()) {
            follower.start();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        follower.close();
    }

    /** Completes once the topics were read up to where they ended at start, or after the read-back timeout. */
    public CompletionStage<Void> ready() {
        if (!config.readBack()) {
            return CompletableFuture.completedFuture(null);
        }
        return follower.firstCatchUp().toCompletableFuture().exceptionally(stopped -> null)
                .completeOnTimeout(null, config.readBackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    void apply(String topic, String value) {
        try {
            if (topic.equals(Topics.RUNS.name())) {
                if (EventCodec.read(value, RunEvent.class) instanceof RunRequested request) {
                    runs.onRunRequested(request);
                }
            } else if (topic.equals(Topics.APPROVALS.name())) {
                ApprovalEvent event = EventCodec.read(value, ApprovalEvent.class);
                if (event instanceof ApprovalRequested request) {
                    approvals.onRequested(request);
                } else if (event instanceof ApprovalDecided decided) {
                    approvals.onDecided(decided);
                }
            } else if (topic.equals(Topics.GENERATIONS.name())) {
                // openings for runtime repairs, closings for the learning mutator
                GenerationEvent event = EventCodec.read(value, GenerationEvent.class);
                if (event instanceof GenerationOpened opened) {
                    generations.add(opened);
                } else if (event instanceof GenerationClosed closed) {
                    history.onClosed(closed);
                }
            } else if (topic.equals(Topics.VARIANTS.name())) {
                VariantProposed variant = EventCodec.read(value, VariantProposed.class);
                history.onVariant(variant);
                if (variant.kind() == AssignmentKind.MUTATE) {
                    published.add(variant);
                    ledger.settle(variant.runId(), variant.variantId(), variant.usage().costUsd());
                }
            }
        } catch (MalformedEventException e) {
            LOG.debugf("skipped a record of %s: %s", topic, e.getMessage());
        }
    }
}
