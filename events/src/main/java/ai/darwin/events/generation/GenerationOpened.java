package ai.darwin.events.generation;

import ai.darwin.events.Envelope;
import ai.darwin.events.Require;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.variant.TrainingBudget;
import java.time.Instant;
import java.util.List;

/**
 * A generation began.
 *
 * @param agents      every agent with the program it carries into this generation
 * @param assignments who mutates whose program (and which programs are trained unchanged)
 * @param dataset     the corpus every variant of the run trains on
 * @param budget      the training budget of every variant of this generation
 * @param guidance    human guidance in force for this generation (may be empty)
 * @param deadline    results that arrive later count as timeouts
 */
public record GenerationOpened(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                               List<AgentProgram> agents, List<Assignment> assignments, DatasetSpec dataset,
                               TrainingBudget budget, List<String> guidance, Instant deadline)
        implements GenerationEvent {

    public GenerationOpened {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.atLeast(generation, 0, "generation");
        agents = Require.list(agents, "agents");
        assignments = Require.list(assignments, "assignments");
        Require.present(dataset, "dataset");
        Require.present(budget, "budget");
        guidance = Require.list(guidance, "guidance");
        Require.present(deadline, "deadline");
    }

    /** The event in its {@link Envelope}. */
    public GenerationOpened(Envelope envelope, int generation, List<AgentProgram> agents, List<Assignment> assignments,
                            DatasetSpec dataset, TrainingBudget budget, List<String> guidance, Instant deadline) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), generation, agents,
                assignments, dataset, budget, guidance, deadline);
    }
}
