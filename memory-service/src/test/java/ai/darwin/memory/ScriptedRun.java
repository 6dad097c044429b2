package ai.darwin.memory;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.EventType;
import ai.darwin.events.generation.AgentProgram;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.ControlDelta;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.Survivor;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.hitl.InterventionKind;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunOutcome;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.training.ArchitectureCard;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.VariantProposed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole small run as the other services would publish it: generation 0 with the baseline, a mutation that helps
 * (LEARNING_RATE down) and one that fails to compile; generation 1 with two children of the first, one retrained
 * with a contradicting second result; approvals, guidance, and the completion.
 */
final class ScriptedRun {

    static final String SEED_SOURCE = "class Gpt {\n    static final double LEARNING_RATE = 1e-3;\n"
            + "    static final double DROPOUT = 0.2;\n    static final int N_LAYER = 4;\n}\n";

    final String runId;
    final String seed;
    final String baseline;
    final String a1;
    final String a2;
    final String b1;
    final String b2;
    final List<DarwinEvent> events = new ArrayList<>();
    private Instant clock = Instant.parse("2026-11-20T10:00:00Z");

    ScriptedRun(String runId) {
        this.runId = runId;
        seed = runId + "-seed";
        baseline = runId + "-g0-baseline";
        a1 = runId + "-g0-a1-v";
        a2 = runId + "-g0-a2-v";
        b1 = runId + "-g1-a1-v";
        b2 = runId + "-g1-a2-v";
        RunRequested requested = SampleEvents.runRequested(runId);
        events.add(new RunRequested(next(), requested.config(), "test"));
        events.add(new RunStarted(next()));

        String a1Source = SEED_SOURCE.replace("1e-3", "5e-4");
        String a2Source = SEED_SOURCE.replace("N_LAYER = 4", "N_LAYER = 6").replace("}\n", "oops\n}\n");
        events.add(opened(0, List.of(new AgentProgram("agent-1", seed, "0".repeat(64), SEED_SOURCE),
                new AgentProgram("agent-2", seed, "0".repeat(64), SEED_SOURCE))));
        events.add(proposal(0, baseline, AssignmentKind.BASELINE, "baseline", seed, SEED_SOURCE, "",
                "The unmodified seed program, trained as the run's baseline.", ProposalStatus.UNCHANGED));
        events.add(proposal(0, a1, AssignmentKind.MUTATE, "agent-1", seed, a1Source,
                diff("LEARNING_RATE", "double", "1e-3", "5e-4"),
                "Halve the learning rate: the loss curve of the seed is noisy late in training.", ProposalStatus.VALID));
        events.add(proposal(0, a2, AssignmentKind.MUTATE, "agent-2", seed, a2Source,
                diff("N_LAYER", "int", "4", "6"), "Deeper model for more capacity.", ProposalStatus.VALID));
        events.add(new TrainingStarted(next(), 0, a1, "worker-1", 1));
        events.add(new TrainingProgress(next(), 0, a1, "worker-1", 10, 5000, 2.9, 9000, 3, 0.5));
        events.add(completed(0, baseline, 2.00));
        events.add(completed(0, a1, 1.90));
        events.add(new TrainingFailed(next(), 0, a2, "worker-1", FailureClass.COMPILE_ERROR,
                "Gpt.java:5: error: <identifier> expected", "oops\n^", 0.4));
        // generation 0's control is the baseline, and its seeds measured the run's noise floor
        events.add(new GenerationClosed(next(), 0, List.of(new RankedVariant(1, a1, "agent-1",
                        VariantOutcome.COMPLETED, -1.90, 1.90, 0.2, 9000.0, null, List.of(),
                        new ControlDelta(-0.10, 0.0, 0.0, false)), ranked(2, baseline, "baseline", 2.00),
                new RankedVariant(3, a2, "agent-2", VariantOutcome.FAILED, null, null, null, null,
                        FailureClass.COMPILE_ERROR)), List.of(new Survivor("agent-1", a1, "elite"),
                new Survivor("agent-2", a1, "refill")), new GenerationStatistics(3, 2, 1, 0, 1.9, 1.95, 1.0 / 3, 0, 0, 0.01),
                null, baseline, new NoiseFloor(3, 0.02, null, null, "cpu")));

        String b1Source = a1Source.replace("DROPOUT = 0.2", "DROPOUT = 0.1");
        String b2Source = a1Source.replace("5e-4", "3e-4");
        events.add(opened(1, List.of(new AgentProgram("agent-1", a1, "0".repeat(64), a1Source),
                new AgentProgram("agent-2", a1, "0".repeat(64), a1Source))));
        events.add(proposal(1, b1, AssignmentKind.MUTATE, "agent-1", a1, b1Source,
                diff("DROPOUT", "double", "0.2", "0.1"), "Less dropout: the model underfits at this budget.",
                ProposalStatus.REPAIRED));
        events.add(proposal(1, b2, AssignmentKind.MUTATE, "agent-2", a1, b2Source,
                diff("LEARNING_RATE", "double", "5e-4", "3e-4"), "Lower the learning rate once more.",
                ProposalStatus.VALID));
        events.add(completed(1, b1, 1.85));
        events.add(completed(1, b2, 1.80));
        events.add(completed(1, b2, 0.50));
        events.add(closed(1, List.of(ranked(1, b2, "agent-2", 1.80), ranked(2, b1, "agent-1", 1.85)),
                List.of(new Survivor("agent-1", b2, "tournament"), new Survivor("agent-2", b2, "elite"))));

        events.add(new ApprovalRequested(next(), "req-1", ApprovalKind.MORE_BUDGET, "agent-2", b2, "maxTokens=400000",
                "the loss is still falling at the end of the budget"));
        events.add(new ApprovalDecided(next(), "req-1", true, "ada", "go ahead"));
        events.add(new HumanIntervention(next(), "int-1", InterventionKind.GUIDANCE, null, null,
                "try a cosine schedule with a longer warmup", "ada"));
        events.add(new RunCompleted(next(), RunOutcome.GENERATIONS_DONE, 2, b2, null, 0.02));
    }

    private GenerationOpened opened(int generation, List<AgentProgram> agents) {
        List<Assignment> assignments = agents.stream().map(a -> new Assignment(runId + "-g" + generation + "-" + a.agentId(),
                AssignmentKind.MUTATE, a.agentId(), a.agentId(), a.variantId(), 7)).toList();
        RunRequested requested = (RunRequested) events.get(0);
        return new GenerationOpened(next(), generation, agents, assignments, requested.config().dataset(),
                requested.config().budget(), List.of(), tick().plusSeconds(600));
    }

    private GenerationClosed closed(int generation, List<RankedVariant> ranking, List<Survivor> survivors) {
        return new GenerationClosed(next(), generation, ranking, survivors,
                new GenerationStatistics(ranking.size(), ranking.size(), 0, 0, 1.8, 1.9, 0, 0, 0, 0.01), null);
    }

    private static RankedVariant ranked(int rank, String variantId, String agentId, double bpb) {
        return new RankedVariant(rank, variantId, agentId, VariantOutcome.COMPLETED, -bpb, bpb, 0.2, 9000.0, null);
    }

    private VariantProposed proposal(int generation, String variantId, AssignmentKind kind, String agent,
                                     String parent, String source, String diff, String reasoning,
                                     ProposalStatus status) {
        RunRequested requested = (RunRequested) events.get(0);
        MutatorInfo mutator = kind == AssignmentKind.MUTATE ? new MutatorInfo("llm", "gpt-4o-mini")
                : new MutatorInfo("none", null);
        return new VariantProposed(next(), generation, variantId, variantId, kind, agent, agent, List.of(parent),
                source, "0".repeat(64), diff, reasoning, mutator,
                kind == AssignmentKind.MUTATE ? new TokenUsage(1000, 200, 1, 0.005) : TokenUsage.NONE, status,
                List.of(), requested.config().dataset(), requested.config().budget(), 7);
    }

    private TrainingCompleted completed(int generation, String variantId, double bpb) {
        double loss = bpb * Math.log(2);
        return new TrainingCompleted(next(), generation, variantId, "worker-1", 7,
                new TrainingMetrics(loss, bpb, Math.exp(loss), loss, 100_000, 100, 9000, 800_000, 5e6, 1e11, 0.2,
                        500_000_000L, 10, 14, "cpu"), new ArchitectureCard(4, 4, 128, 64, 65), List.of());
    }

    private static String diff(String name, String type, String from, String to) {
        return "--- a/Gpt.java\n+++ b/Gpt.java\n@@ -1,3 +1,3 @@\n class Gpt {\n-    static final " + type + " "
                + name + " = " + from + ";\n+    static final " + type + " " + name + " = " + to + ";\n";
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }

    /** The next event's envelope, a second after the last one. */
    private Envelope next() {
        return Envelope.at(runId, tick());
    }

    static String topic(DarwinEvent event) {
        return EventType.of(event).topic().name();
    }
}
