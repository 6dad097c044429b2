package ai.darwin.selection.store;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunOutcome;
import ai.darwin.events.variant.TrainingBudget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything selection-service knows of one run, saved whole after every change. Events to publish are put in
 * {@link #outbox} in the same save, so a restart publishes what a crash left unsent (with the same event ids).
 */
public class RunState {

    public enum Status { RUNNING, PAUSED, VERIFYING, COMPLETED }

    public String runId;
    public RunConfig config;
    public Status status = Status.RUNNING;
    /** The generation that is open, or was last closed when the run waits. */
    public int generation;
    /** Each agent and the variant whose program it carries. */
    public List<AgentSlot> agents = new ArrayList<>();
    public TreeMap<Integer, GenerationState> generations = new TreeMap<>();
    /** The seed program as a variant: the parent of generation 0. */
    public String seedVariantId;
    public String seedSource;
    /** Why the run ends, once it is decided (the verification generation may still run). */
    public RunOutcome pendingOutcome;
    /** The generation-0 variant that trains the seed program unchanged. */
    public String baselineVariantId;
    public String championVariantId;
    public Double bestValBitsPerByte;
    public int stagnantGenerations;
    public double costUsd;
    public boolean pauseRequested;
    public boolean stopRequested;
    public List<String> guidance = new ArrayList<>();
    public Set<String> vetoed = new LinkedHashSet<>();
    public Set<String> promoted = new LinkedHashSet<>();
    public Set<String> handledEventIds = new LinkedHashSet<>();
    /** Approval requests this run received that a human may still approve: request id to the change asked. */
    public Map<String, ApprovedChange> requestedChanges = new LinkedHashMap<>();
    /** An approved budget, in force from the next generation on. */
    public TrainingBudget budgetOverride;
    /** An approved population, in force from the next generation on. */
    public Integer populationOverride;
    /** Encoded events not yet acknowledged by the broker, oldest first. */
    public List<String> outbox = new ArrayList<>();
    public Instant startedAt;

    /** An agent and its current program. */
    public record AgentSlot(String agentId, String variantId) {
    }

    /** One generation's assignments and whether it closed. */
    public static class GenerationState {
        public int number;
        public boolean verification;
        public List<Assignment> assignments = new ArrayList<>();
        public Instant openedAt;
        public Instant deadline;
        public boolean closed;
    }

    /** The budget of the generations opened from now on. */
    public TrainingBudget budget() {
        return budgetOverride != null ? budgetOverride : config.budget();
    }

    /** The population of the generations opened from now on. */
    public int population() {
        return populationOverride != null ? populationOverride : config.population();
    }

    public GenerationState current() {
        return generations.get(generation);
    }
}
