package ai.darwin.selection.store;

import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunOutcome;
import ai.darwin.events.variant.TrainingBudget;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything selection-service knows of one run, saved whole after every change with the events to publish ({@link
 * #queue}), so a restart publishes what a crash left unsent, with the same event ids. It changes only through these
 * methods, which keep it consistent: a completed run stays completed, a generation opens only after the one before
 * it closed, agents keep their ids and order, a vetoed variant is never champion, and the stagnation count follows
 * the champion's val_bpb. What people asked of the run is its {@link Steering}. The stored form is the fields (read
 * and written by Jackson), so runs saved before these methods existed still read.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class RunState {

    public enum Status { RUNNING, PAUSED, VERIFYING, COMPLETED }

    /** An improvement of val_bpb smaller than this does not reset the stagnation count. */
    private static final double MIN_IMPROVEMENT = 1e-4;

    private String runId;
    private RunConfig config;
    private Status status = Status.RUNNING;
    /** The generation that is open, or was last closed when the run waits. */
    private int generation;
    /** Each agent and the variant whose program it carries. */
    private List<AgentSlot> agents = new ArrayList<>();
    /** Offspring per variant: each generation an agent carries a program, that program has one more child. */
    private Map<String, Integer> children = new HashMap<>();
    private TreeMap<Integer, GenerationState> generations = new TreeMap<>();
    /** The seed program as a variant: the parent of generation 0. */
    private String seedVariantId;
    private String seedSource;
    /** Why the run ends, once it is decided (the verification generation may still run). */
    private RunOutcome pendingOutcome;
    /** The generation-0 variant that trains the seed program unchanged. */
    private String baselineVariantId;
    private String championVariantId;
    private Double bestValBitsPerByte;
    private int stagnantGenerations;
    private double costUsd;
    /** Flat in the stored document, as these fields were before they moved to their own class. */
    @JsonUnwrapped
    private Steering steering = new Steering();
    @JsonUnwrapped
    private Deliveries deliveries = new Deliveries();
    private Instant startedAt;

    /** For Jackson, which reads a stored run into the fields. */
    private RunState() {
    }

    /** A new run: every agent of the configured population carries the seed program. */
    public static RunState start(String runId, RunConfig config, String seedSource, Instant startedAt) {
        RunState run = new RunState();
        run.runId = runId;
        run.config = config;
        run.startedAt = startedAt;
        run.seedVariantId = runId + "-seed";
        run.seedSource = seedSource;
        for (int i = 1; i <= config.population(); i++) {
            run.agents.add(new AgentSlot("agent-" + i, run.seedVariantId));
        }
        return run;
    }

    /** An agent and its current program. */
    public record AgentSlot(String agentId, String variantId) {
    }

    public String runId() {
        return runId;
    }

    public RunConfig config() {
        return config;
    }

    public Status status() {
        return status;
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    public String seedVariantId() {
        return seedVariantId;
    }

    public String seedSource() {
        return seedSource;
    }

    public String baselineVariantId() {
        return baselineVariantId;
    }

    public String championVariantId() {
        return championVariantId;
    }

    public int stagnantGenerations() {
        return stagnantGenerations;
    }

    public double costUsd() {
        return costUsd;
    }

    public RunOutcome pendingOutcome() {
        return pendingOutcome;
    }

    public List<AgentSlot> agents() {
        return Collections.unmodifiableList(agents);
    }

    /** What people asked of the run; a veto goes through {@link #veto}. */
    public Steering steering() {
        return steering;
    }

    /** The budget of the generations opened from now on. */
    public TrainingBudget budget() {
        return steering.budget(config);
    }

    /** The population of the generations opened from now on. */
    public int population() {
        return steering.population(config);
    }

    /** The generation that is open, or was last closed; null before the first opens. */
    public GenerationState current() {
        return generations.get(generation);
    }

    /** The generation with this number, or null if it never opened. */
    public GenerationState generation(int number) {
        return generations.get(number);
    }

    public int mutationGenerationsClosed() {
        return (int) generations.values().stream().filter(g -> g.closed() && !g.verification()).count();
    }

    /** The events handled and those still to publish. */
    public Deliveries deliveries() {
        return deliveries;
    }

    /** Makes {@code next} the open generation; the one before it must have closed. */
    public void open(GenerationState next) {
        GenerationState last = current();
        if (last != null && (!last.closed() || next.number() <= last.number())) {
            throw new IllegalStateException("run " + runId + " cannot open generation " + next.number()
                    + " while generation " + last.number() + (last.closed() ? " came after it" : " is open"));
        }
        generations.put(next.number(), next);
        generation = next.number();
    }

    public void nameBaseline(String variantId) {
        baselineVariantId = variantId;
    }

    /** Agents of an approved larger population join, each carrying {@code program}. */
    public void fillPopulation(String program) {
        while (agents.size() < population()) {
            agents.add(new AgentSlot("agent-" + (agents.size() + 1), program));
        }
    }

    /** Each agent takes the program selection chose for it; the agents themselves stay the same, in order. */
    public void carry(List<AgentSlot> next) {
        if (!next.stream().map(AgentSlot::agentId).toList().equals(agents.stream().map(AgentSlot::agentId).toList())) {
            throw new IllegalArgumentException("run " + runId + ": " + next + " are not the agents " + agents);
        }
        agents = new ArrayList<>(next);
        if (children == null) {
            children = new HashMap<>();
        }
        next.forEach(slot -> children.merge(slot.variantId(), 1, Integer::sum));
    }

    /** Offspring per variant id so far: how many generations agents carried it into. */
    public Map<String, Integer> children() {
        return Map.copyOf(children == null ? Map.of() : children);
    }

    /**
     * The generation's best program becomes champion. Its val_bpb resets the stagnation count only if it beats the
     * best so far by more than noise in the last digits.
     */
    public void crown(String variantId, double valBitsPerByte) {
        if (bestValBitsPerByte == null || valBitsPerByte < bestValBitsPerByte - MIN_IMPROVEMENT) {
            bestValBitsPerByte = valBitsPerByte;
            stagnantGenerations = 0;
        } else {
            stagnantGenerations++;
        }
        championVariantId = variantId;
    }

    /** A vetoed variant is never champion: a champion that is steps down, and its val_bpb stops being the bar. */
    public void veto(String variantId) {
        steering.veto(variantId);
        if (variantId.equals(championVariantId)) {
            championVariantId = null;
            bestValBitsPerByte = null;
        }
    }

    public void addCost(double usd) {
        costUsd += usd;
    }

    /** Records why the run will end; the verification generation may still run first. */
    public void endWith(RunOutcome outcome) {
        pendingOutcome = outcome;
    }

    /** A completed run stays completed; a run pauses (with no generation open) only when a pause was asked for. */
    public void moveTo(Status next) {
        if (status == Status.COMPLETED || next == Status.PAUSED && !steering.pauseRequested()) {
            throw new IllegalStateException("run " + runId + " cannot go from " + status + " to " + next);
        }
        status = next;
    }
}
