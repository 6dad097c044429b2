package ai.darwin.selection.run;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.AgentProgram;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.selection.config.SelectionConfig;
import ai.darwin.selection.ga.AssignmentPolicy;
import ai.darwin.selection.ga.Verification;
import ai.darwin.selection.store.GenerationState;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.RunState.AgentSlot;
import ai.darwin.selection.store.SelectionStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Opens generations: who rewrites whose program, the deadline, and the variants selection publishes itself: each
 * generation's control (the unmodified seed program; in generation 0 the baseline and the noise floor's seeds), whose
 * variants {@link ControlRelease} sends out among the mutations', and the verification's pairs.
 */
@ApplicationScoped
public class GenerationPlanner {

    /** The owner and mutator name of the seed program's variants: baseline, controls, verification re-trainings. */
    public static final String BASELINE_AGENT = "baseline";

    /**
     * Whether an assignment of a mutation generation trains the seed program as a control: generation 0's baseline
     * (kind BASELINE, a candidate too) and its noise-floor seeds, and each later generation's control (kind VERIFY: a
     * re-training for statistics, which leaderboards leave out, as they leave out the verification's).
     */
    public static boolean isControl(Assignment assignment) {
        return assignment.targetAgentId().equals(BASELINE_AGENT) && assignment.kind() != AssignmentKind.MUTATE;
    }

    private final SelectionStore store;
    private final SelectionConfig config;

    GenerationPlanner(SelectionStore store, SelectionConfig config) {
        this.store = store;
        this.config = config;
    }

    /**
     * The training seed of a generation's mutations and of its control. It is the run's seed in every generation, so
     * a candidate differs from its control only by its program, and the control trains the same program with the
     * same seed each generation: what moves its result from one generation to the next is the conditions.
     */
    static long trainingSeed(RunState run) {
        return run.config().seed();
    }

    /**
     * Opens a generation of mutations and its control, and queues its events. The control is the unmodified seed
     * program rather than the champion: it is the same program in every generation, so the controls measure the
     * conditions alone, generation 0's noise floor (measured on it) applies to all of them, and the verification
     * compares the champion with the same program at the end. A champion changes as the run goes, and a candidate
     * that beats it is selection's business, not the conditions'.
     */
    public void openMutationGeneration(RunState run, int number) {
        // new agents of an approved larger population start from the champion's program
        run.fillPopulation(run.championVariantId() != null ? run.championVariantId()
                : run.agents().get(0).variantId());
        long seed = trainingSeed(run);
        List<Assignment> assignments = new ArrayList<>();
        List<AgentSlot> agents = run.agents();
        int[] targets = AssignmentPolicy.targets(run.config().selection().assignmentPolicy(), agents.size(),
                new Random(seed * 31 + number));
        for (int i = 0; i < agents.size(); i++) {
            AgentSlot target = agents.get(targets[i]);
            assignments.add(new Assignment(run.runId() + "-g" + number + "-a" + (i + 1), AssignmentKind.MUTATE,
                    agents.get(i).agentId(), target.agentId(), target.variantId(), seed));
        }
        List<Assignment> controls = new ArrayList<>();
        if (number == 0) {
            // the baseline is generation 0's control; its other seeds measure the noise floor
            run.nameBaseline(run.runId() + "-g0-baseline");
            controls.add(control(run, run.baselineVariantId(), AssignmentKind.BASELINE, seed));
            for (int j = 1; j < run.config().controlSeeds(); j++) {
                controls.add(control(run, run.runId() + "-g0-control-s" + (seed + j), AssignmentKind.VERIFY,
                        seed + j));
            }
        } else {
            controls.add(control(run, run.runId() + "-g" + number + "-control", AssignmentKind.VERIFY, seed));
        }
        assignments.addAll(controls);
        GenerationState generation = open(run, number, false, assignments);
        generation.holdBack(controls.stream().map(Assignment::assignmentId).toList());
    }

    /**
     * Opens the verification generation with the sequential test's first look: pairs of the seed program and the
     * champion, each pair sharing a training seed, in the order they are to train (seed, champion, seed, …).
     */
    public void openVerificationGeneration(RunState run, int number, String championAgent) {
        int pairs = Verification.test(run.config()).looks().get(0);
        open(run, number, true, pairs(run, number, championAgent, 0, pairs));
    }

    /** Another look of the verification: {@code count} more pairs, queued in the same interleaved order. */
    public void addVerificationPairs(RunState run, GenerationState generation, int count) {
        String championAgent = generation.assignments().stream()
                .filter(a -> !a.targetAgentId().equals(BASELINE_AGENT)).map(Assignment::targetAgentId).findFirst()
                .orElse("champion");
        int trained = generation.assignments().size() / 2;
        List<Assignment> more = pairs(run, generation.number(), championAgent, trained, count);
        Instant now = EventCodec.now();
        generation.extend(more, now.plus(deadline(run, more.size())));
        more.forEach(assignment -> publishUnchanged(run, generation.number(), assignment, now));
    }

    /** The control's variant goes out now (see {@link ControlRelease}). */
    void releaseControl(RunState run, GenerationState generation, String assignmentId) {
        generation.assignments().stream().filter(a -> a.assignmentId().equals(assignmentId)).findFirst()
                .ifPresent(control -> publishUnchanged(run, generation.number(), control, EventCodec.now()));
        generation.release(assignmentId);
    }

    private List<Assignment> pairs(RunState run, int number, String championAgent, int from, int count) {
        List<Assignment> pairs = new ArrayList<>();
        for (int j = from; j < from + count; j++) {
            long seed = run.config().seed() + 1000L + j;
            pairs.add(new Assignment(run.runId() + "-g" + number + "-baseline-s" + seed, AssignmentKind.VERIFY,
                    BASELINE_AGENT, BASELINE_AGENT, run.seedVariantId(), seed));
            pairs.add(new Assignment(run.runId() + "-g" + number + "-champion-s" + seed, AssignmentKind.VERIFY,
                    championAgent, championAgent, run.championVariantId(), seed));
        }
        return pairs;
    }

    private static Assignment control(RunState run, String assignmentId, AssignmentKind kind, long seed) {
        return new Assignment(assignmentId, kind, BASELINE_AGENT, BASELINE_AGENT, run.seedVariantId(), seed);
    }

    private GenerationState open(RunState run, int number, boolean verification, List<Assignment> assignments) {
        Instant now = EventCodec.now();
        GenerationState generation = new GenerationState(number, verification, assignments, now,
                now.plus(deadline(run, assignments.size())));
        run.open(generation);

        List<AgentProgram> agents = run.agents().stream()
                .map(slot -> {
                    Program program = program(run, slot.variantId());
                    return new AgentProgram(slot.agentId(), slot.variantId(), program.sha256(), program.source(),
                            program.filesOrAbsent());
                }).toList();
        run.deliveries().queue(new GenerationOpened(Envelope.at(run.runId(), now), number, agents, assignments,
                run.steering().dataset(run.config(), number), run.budget(), List.copyOf(run.steering().guidance()), generation.deadline()));
        if (verification) {
            assignments.forEach(assignment -> publishUnchanged(run, number, assignment, now));
        }
        return generation;
    }

    private void publishUnchanged(RunState run, int number, Assignment assignment, Instant now) {
        Program program = program(run, assignment.parentVariantId());
        String reasoning = run.generation(number).verification()
                ? "Verification: " + assignment.parentVariantId() + " re-trained unchanged with seed "
                        + assignment.trainingSeed() + "."
                : "The unmodified seed program, trained as the generation's control with seed "
                        + assignment.trainingSeed() + ".";
        VariantProposed unchanged = new VariantProposed(Envelope.at(run.runId(), now), number,
                assignment.assignmentId(), assignment.assignmentId(), assignment.kind(), assignment.mutatorAgentId(),
                assignment.targetAgentId(), List.of(assignment.parentVariantId()), program.source(), program.sha256(),
                "", reasoning, new MutatorInfo("none", null), TokenUsage.NONE, ProposalStatus.UNCHANGED, List.of(),
                run.steering().dataset(run.config(), number), run.budget(), assignment.trainingSeed(),
                run.config().preset(), null, null, null, program.filesOrAbsent());
        store.addProposal(unchanged);
        run.deliveries().queue(unchanged);
    }

    /** A variant's program, every file of it: the seed's (a single file), or the one its proposal carried. */
    Program program(RunState run, String variantId) {
        if (variantId.equals(run.seedVariantId())) {
            return new Program(run.seedSource(), List.of());
        }
        return store.proposal(variantId).map(Program::of)
                .orElseThrow(() -> new IllegalStateException("no program known for variant " + variantId));
    }

    /**
     * How long past its deadline a generation stays open for a runtime repair that is due or training: the time one
     * more variant needs (the repair is proposed, then trained), capped by the configured maximum. Counted from the
     * deadline once, not per repair, so that chained repairs cannot keep a generation open without bound.
     */
    public Duration repairExtension(RunState run) {
        Duration one = deadline(run, 1);
        Duration maximum = config.repairExtensionMaximum();
        return one.compareTo(maximum) < 0 ? one : maximum;
    }

    private Duration deadline(RunState run, int variants) {
        double perVariant = trainingSeconds(run.budget()) + config.deadlineOverheadPerVariant().toMillis() / 1000.0;
        double rounds = Math.ceil((double) variants / Math.max(1, config.trainingWorkers()));
        Duration estimate = Duration.ofMillis((long) (rounds * perVariant * config.deadlineFactor() * 1000));
        return estimate.compareTo(config.deadlineMinimum()) > 0 ? estimate : config.deadlineMinimum();
    }

    /** The longest a variant's training may take: its time limit, or its tokens at the slowest expected rate. */
    private double trainingSeconds(TrainingBudget budget) {
        double byTokens = budget.maxTokens() > 0 ? budget.maxTokens() / config.slowestTokensPerSecond()
                : Double.MAX_VALUE;
        return Math.min(byTokens, budget.maxSeconds() > 0 ? budget.maxSeconds() : Double.MAX_VALUE);
    }
}
