package ai.darwin.selection.run;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.Sha256;
import ai.darwin.events.generation.AgentProgram;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.selection.config.SelectionConfig;
import ai.darwin.selection.ga.AssignmentPolicy;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.RunState.AgentSlot;
import ai.darwin.selection.store.GenerationState;
import ai.darwin.selection.store.SelectionStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Opens generations: who rewrites whose program, the deadline, and the variants selection publishes itself (the
 * unmodified seed as generation 0's baseline, and the re-trainings of the verification generation).
 */
@ApplicationScoped
public class GenerationPlanner {

    /** The owner and mutator name of the baseline's variants. */
    public static final String BASELINE_AGENT = "baseline";

    private final SelectionStore store;
    private final SelectionConfig config;

    GenerationPlanner(SelectionStore store, SelectionConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Opens a generation of mutations (with the baseline in generation 0) and queues its events. */
    public void openMutationGeneration(RunState run, int number) {
        // new agents of an approved larger population start from the champion's program
        run.fillPopulation(run.championVariantId() != null ? run.championVariantId()
                : run.agents().get(0).variantId());
        List<Assignment> assignments = new ArrayList<>();
        long seed = run.config().seed();
        if (number == 0) {
            run.nameBaseline(run.runId() + "-g0-baseline");
            assignments.add(new Assignment(run.baselineVariantId(), AssignmentKind.BASELINE, BASELINE_AGENT,
                    BASELINE_AGENT, run.seedVariantId(), seed));
        }
        List<AgentSlot> agents = run.agents();
        int[] targets = AssignmentPolicy.targets(run.config().selection().assignmentPolicy(), agents.size(),
                new Random(seed * 31 + number));
        for (int i = 0; i < agents.size(); i++) {
            AgentSlot target = agents.get(targets[i]);
            assignments.add(new Assignment(run.runId() + "-g" + number + "-a" + (i + 1), AssignmentKind.MUTATE,
                    agents.get(i).agentId(), target.agentId(), target.variantId(), seed));
        }
        open(run, number, false, assignments);
    }

    /** Opens the verification generation: the champion and the seed, each re-trained with k seeds. */
    public void openVerificationGeneration(RunState run, int number, String championAgent) {
        List<Assignment> assignments = new ArrayList<>();
        for (long seed : verificationSeeds(run)) {
            assignments.add(new Assignment(run.runId() + "-g" + number + "-champion-s" + seed,
                    AssignmentKind.VERIFY, championAgent, championAgent, run.championVariantId(), seed));
            assignments.add(new Assignment(run.runId() + "-g" + number + "-baseline-s" + seed,
                    AssignmentKind.VERIFY, BASELINE_AGENT, BASELINE_AGENT, run.seedVariantId(), seed));
        }
        open(run, number, true, assignments);
    }

    public static List<Long> verificationSeeds(RunState run) {
        List<Long> seeds = new ArrayList<>();
        for (int j = 0; j < run.config().verificationSeeds(); j++) {
            seeds.add(run.config().seed() + 1000L + j);
        }
        return seeds;
    }

    private void open(RunState run, int number, boolean verification, List<Assignment> assignments) {
        Instant now = EventCodec.now();
        GenerationState generation = new GenerationState(number, verification, assignments, now,
                now.plus(deadline(run, assignments.size())));
        run.open(generation);

        List<AgentProgram> agents = run.agents().stream()
                .map(slot -> {
                    String source = source(run, slot.variantId());
                    return new AgentProgram(slot.agentId(), slot.variantId(), Sha256.of(source), source);
                }).toList();
        run.queue(new GenerationOpened(Envelope.at(run.runId(), now), number, agents, assignments,
                run.config().dataset(), run.budget(), List.copyOf(run.steering().guidance()), generation.deadline()));
        for (Assignment assignment : assignments) {
            if (assignment.kind() != AssignmentKind.MUTATE) {
                VariantProposed unchanged = unchanged(run, number, assignment, now);
                store.addProposal(unchanged);
                run.queue(unchanged);
            }
        }
    }

    private VariantProposed unchanged(RunState run, int number, Assignment assignment, Instant now) {
        String source = source(run, assignment.parentVariantId());
        String reasoning = assignment.kind() == AssignmentKind.BASELINE
                ? "The unmodified seed program, trained as the run's baseline."
                : "Verification: " + assignment.parentVariantId() + " re-trained unchanged with seed "
                        + assignment.trainingSeed() + ".";
        return new VariantProposed(Envelope.at(run.runId(), now), number, assignment.assignmentId(),
                assignment.assignmentId(), assignment.kind(), assignment.mutatorAgentId(), assignment.targetAgentId(),
                List.of(assignment.parentVariantId()), source, Sha256.of(source), "", reasoning,
                new MutatorInfo("none", null), TokenUsage.NONE, ProposalStatus.UNCHANGED, List.of(),
                run.config().dataset(), run.budget(), assignment.trainingSeed());
    }

    /** A program's source: the seed's, or the one its proposal carried. */
    public String source(RunState run, String variantId) {
        if (variantId.equals(run.seedVariantId())) {
            return run.seedSource();
        }
        return store.proposal(variantId).map(VariantProposed::source)
                .orElseThrow(() -> new IllegalStateException("no program known for variant " + variantId));
    }

    private Duration deadline(RunState run, int variants) {
        double perVariant = run.budget().maxSeconds() + config.deadlineOverheadPerVariant().toMillis() / 1000.0;
        double rounds = Math.ceil((double) variants / Math.max(1, config.trainingWorkers()));
        Duration estimate = Duration.ofMillis((long) (rounds * perVariant * config.deadlineFactor() * 1000));
        return estimate.compareTo(config.deadlineMinimum()) > 0 ? estimate : config.deadlineMinimum();
    }
}
