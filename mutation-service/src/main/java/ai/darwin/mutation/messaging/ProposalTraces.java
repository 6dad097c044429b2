package ai.darwin.mutation.messaging;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.platform.messaging.VariantSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A variant's trace starts here: one span per proposal, from the moment a worker takes the assignment (the LLM
 * calls, the compiles) until the broker has the VariantProposed, whose record carries the trace on to training.
 * The proposal is made on a worker thread and published from a callback, so the span travels with the proposal.
 */
@ApplicationScoped
public class ProposalTraces {

    static final AttributeKey<String> MUTATOR_AGENT_ID = AttributeKey.stringKey("darwin.mutator.agent.id");

    private final Tracer tracer;

    ProposalTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A proposal made in its own span. */
    public record Traced<T>(T value, Span span) {

        /** The context its events are sent in. */
        public Context context() {
            return Context.root().with(span);
        }
    }

    /** Makes the proposal in a new trace's root span, which {@link #publish} ends. */
    public <T> Traced<T> propose(GenerationOpened generation, Assignment assignment, String variantId,
                                 Supplier<T> proposal) {
        Span span = VariantSpans.describe(tracer.spanBuilder("propose " + variantId).setNoParent(),
                        generation.runId(), variantId, generation.generation(), assignment.targetAgentId())
                .setAttribute(MUTATOR_AGENT_ID, assignment.mutatorAgentId()).startSpan();
        try {
            return new Traced<>(proposal.get(), span);
        } catch (RuntimeException e) {
            failed(span, e);
            throw e;
        }
    }

    /** Publishes what the proposal produced in its trace, and ends the span once the broker has it (or not). */
    public <T> CompletionStage<Void> publish(Traced<T> traced, Function<Context, CompletionStage<Void>> publish) {
        return publish.apply(traced.context()).whenComplete((sent, failure) -> {
            if (failure != null) {
                failed(traced.span(), failure);
            } else {
                traced.span().end();
            }
        });
    }

    private static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR);
        span.end();
    }
}
