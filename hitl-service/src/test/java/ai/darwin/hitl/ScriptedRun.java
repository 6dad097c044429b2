package ai.darwin.hitl;

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
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.PairedDifference;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunOutcome;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.run.SampleStatistics;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.events.run.VerificationReport;
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
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.VariantProposed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small run as the other services would publish it, in three phases. {@link #live}: generation 0 closed (baseline
 * 2.00 as its control, a1 1.90, a2 failed to compile; noise floor 0.02), generation 1 training (b1 at 60 %, b2 and b3 started). {@link #closing}:
 * b1 1.85, b2 1.80 then a contradicting 0.50 (a retrained variant counts once), b3 timed out, generation 1
 * closes. {@link #ending}: a verifying generation 2 re-trains b2 and the baseline with three seeds each, and the run
 * completes with a verified improvement.
 */
final class ScriptedRun {

    static final DatasetSpec DATASET = new DatasetSpec("tinyshakespeare.txt", null, "char", 0.1);
    static final TrainingBudget BUDGET = new TrainingBudget(100_000, 60);
    /** What each mutating agent was given. */
    static final List<String> LESSONS = List.of("helped: halving the learning rate (-0.031 val_bpb over 2 variants)",
            "failed twice: a head count that does not divide the width (OUT_OF_MEMORY)");

    final String runId;
    final String seed;
    final String baseline;
    final String a1;
    final String a2;
    final String b1;
    final String b2;
    final String b3;
    final List<DarwinEvent> live = new ArrayList<>();
    final List<DarwinEvent> closing = new ArrayList<>();
    final List<DarwinEvent> ending = new ArrayList<>();
    private Instant clock = Instant.parse("2026-11-20T10:00:00Z");

    ScriptedRun(String runId) {
        this.runId = runId;
        seed = runId + "-seed";
        baseline = runId + "-g0-baseline";
        a1 = runId + "-g0-a1";
        a2 = runId + "-g0-a2";
        b1 = runId + "-g1-b1";
        b2 = runId + "-g1-b2";
        b3 = runId + "-g1-b3";
        RunConfig config = new RunConfig("shakespeare-" + runId, 3, 2, DATASET, BUDGET, "cpu", "llm", "gpt-4o-mini",
                new FitnessSpec("lexicographic", List.of("val_bpb", "mfu"), Map.of()), new SelectionSpec(1, 2, "others"),
                0, 0, 3, 0, 7);
        live.add(new RunRequested(next(), config, "ada"));
        live.add(new RunStarted(next()));

        live.add(opened(0, List.of(assignment(baseline, AssignmentKind.BASELINE, "baseline", seed),
                assignment(a1, AssignmentKind.MUTATE, "agent-1", seed), assignment(a2, AssignmentKind.MUTATE, "agent-2", seed))));
        live.add(proposal(0, baseline, AssignmentKind.BASELINE, "baseline", seed));
        live.add(proposal(0, a1, AssignmentKind.MUTATE, "agent-1", seed));
        live.add(proposal(0, a2, AssignmentKind.MUTATE, "agent-2", seed));
        live.add(new TrainingStarted(next(), 0, a1, "worker-1", 1));
        live.add(progress(0, a1, 0.5));
        live.add(completed(0, baseline, 2.00));
        live.add(completed(0, a1, 1.90));
        live.add(new TrainingFailed(next(), 0, a2, "worker-1", FailureClass.COMPILE_ERROR,
                "Gpt.java:5: error: <identifier> expected", "oops\n^", 0.4));
        // a1 against generation 0's control, the baseline
        RankedVariant a1VersusControl = new RankedVariant(1, a1, "agent-1", VariantOutcome.COMPLETED, -1.90, 1.90,
                0.2, 9000.0, null, List.of(), new ControlDelta(-0.10, 0.0, 0.0, false));
        live.add(closed(0, List.of(a1VersusControl, ranked(2, baseline, "baseline", 2.00),
                        failed(3, a2, "agent-2", VariantOutcome.FAILED)),
                new GenerationStatistics(3, 2, 1, 0, 1.90, 1.95, 1.0 / 3, 0, 0, 0.01), null, baseline,
                new NoiseFloor(3, 0.02, 0.01, 500.0, "cpu")));

        live.add(opened(1, List.of(assignment(b1, AssignmentKind.MUTATE, "agent-1", a1),
                assignment(b2, AssignmentKind.MUTATE, "agent-2", a1), assignment(b3, AssignmentKind.MUTATE, "agent-3", a1))));
        for (String variant : List.of(b1, b2, b3)) {
            live.add(proposal(1, variant, AssignmentKind.MUTATE, "agent-" + variant.charAt(variant.length() - 1), a1));
            live.add(new TrainingStarted(next(), 1, variant, "worker-" + variant.charAt(variant.length() - 1), 1));
        }
        live.add(progress(1, b1, 0.25));
        live.add(progress(1, b1, 0.60));

        closing.add(completed(1, b1, 1.85));
        closing.add(completed(1, b2, 1.80));
        closing.add(completed(1, b2, 0.50));
        closing.add(closed(1, List.of(ranked(1, b2, "agent-2", 1.80), ranked(2, b1, "agent-1", 1.85),
                        failed(3, b3, "agent-3", VariantOutcome.TIMED_OUT)),
                new GenerationStatistics(3, 2, 0, 1, 1.80, 1.825, 1.0 / 3, 0, 0, 0.01), null));

        List<Assignment> verify = new ArrayList<>();
        List<RankedVariant> verifyRanking = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            String champion = runId + "-g2-champion-" + s;
            String base = runId + "-g2-baseline-" + s;
            verify.add(assignment(champion, AssignmentKind.VERIFY, "agent-2", b2));
            verify.add(assignment(base, AssignmentKind.VERIFY, "baseline", seed));
            ending.add(proposal(2, champion, AssignmentKind.VERIFY, "agent-2", b2));
            ending.add(proposal(2, base, AssignmentKind.VERIFY, "baseline", seed));
            ending.add(completed(2, champion, 1.70 + 0.01 * s));
            ending.add(completed(2, base, 2.00 + 0.01 * s));
            verifyRanking.add(ranked(1 + s, champion, "agent-2", 1.70 + 0.01 * s));
            verifyRanking.add(ranked(4 + s, base, "baseline", 2.00 + 0.01 * s));
        }
        ending.add(0, opened(2, verify));
        // paired by seed, as selection-service reports it now; Welch's p as an older report carried it
        VerificationReport report = new VerificationReport(b2, baseline, List.of(1L, 2L, 3L),
                List.of(new MetricComparison("val_bpb", new SampleStatistics(3, 1.71, 1.69, 1.73),
                        new SampleStatistics(3, 2.01, 1.99, 2.03), 0.0004,
                        new PairedDifference(3, -0.30, -0.31, -0.29, 0.99, 0.0002))), 0.01, true, List.of(),
                List.of(3));
        ending.add(closed(2, verifyRanking, new GenerationStatistics(6, 6, 0, 0, 1.70, 1.855, 0, 0, 0, 0), report));
        ending.add(new RunCompleted(next(), RunOutcome.GENERATIONS_DONE, 2, b2, report, 0.02));
    }

    private Assignment assignment(String variantId, AssignmentKind kind, String agent, String parent) {
        return new Assignment(variantId, kind, agent, agent, parent, 7);
    }

    private GenerationOpened opened(int generation, List<Assignment> assignments) {
        List<AgentProgram> agents = assignments.stream().filter(a -> a.kind() != AssignmentKind.BASELINE)
                .map(a -> new AgentProgram(a.targetAgentId(), a.parentVariantId(), "0".repeat(64), "class Gpt {}"))
                .distinct().toList();
        return new GenerationOpened(next(), generation, agents, assignments, DATASET, BUDGET,
                List.of("keep the model small"), tick().plusSeconds(600));
    }

    private GenerationClosed closed(int generation, List<RankedVariant> ranking, GenerationStatistics statistics,
                                    VerificationReport report) {
        return closed(generation, ranking, statistics, report, null, null);
    }

    private GenerationClosed closed(int generation, List<RankedVariant> ranking, GenerationStatistics statistics,
                                    VerificationReport report, String control, NoiseFloor noiseFloor) {
        List<Survivor> survivors = List.of(new Survivor("agent-1", ranking.get(0).variantId(), "elite"),
                new Survivor("agent-2", ranking.get(0).variantId(), "tournament"));
        return new GenerationClosed(next(), generation, ranking, survivors, statistics, report, control, noiseFloor);
    }

    private static RankedVariant ranked(int rank, String variantId, String agentId, double bpb) {
        return new RankedVariant(rank, variantId, agentId, VariantOutcome.COMPLETED, -bpb, bpb, 0.2, 9000.0, null);
    }

    private static RankedVariant failed(int rank, String variantId, String agentId, VariantOutcome outcome) {
        return new RankedVariant(rank, variantId, agentId, outcome, null, null, null, null,
                outcome == VariantOutcome.FAILED ? FailureClass.COMPILE_ERROR : null);
    }

    private VariantProposed proposal(int generation, String variantId, AssignmentKind kind, String agent, String parent) {
        boolean mutated = kind == AssignmentKind.MUTATE;
        MutatorInfo mutator = mutated ? new MutatorInfo("llm", "gpt-4o-mini") : new MutatorInfo("none", null);
        String diff = mutated ? "--- a/Gpt.java\n+++ b/Gpt.java\n@@ -1 +1,2 @@\n-    lr = 1e-3;\n+    lr = 5e-4;\n+    warmup = 100;\n" : "";
        return new VariantProposed(next(), generation, variantId, variantId, kind, agent, agent, List.of(parent),
                "class Gpt { /* " + variantId + " */ }", "0".repeat(64), diff,
                mutated ? "Halve the learning rate and warm up: the seed's loss is noisy." : "trained unchanged",
                mutator, mutated ? new TokenUsage(1000, 200, 1, 0.005) : TokenUsage.NONE,
                mutated ? ProposalStatus.VALID : ProposalStatus.UNCHANGED, List.of(), DATASET, BUDGET, 7, null, null,
                null, null, null, mutated ? LESSONS : null);
    }

    static final String ATTENTION = "package model;\n\npublic class Attention {\n    static final int HEADS = 8;\n}\n";
    static final String TWO_FILE_DIFF = "--- a/Program.java\n+++ b/Program.java\n@@ -1 +1 @@\n-    lr = 1e-3;\n"
            + "+    lr = 5e-4;\n--- /dev/null\n+++ b/model/Attention.java\n@@ -0,0 +1,5 @@\n+package model;\n+\n"
            + "+public class Attention {\n+    static final int HEADS = 8;\n+}\n";

    /** A child of a1 in generation 1 that splits its attention into {@code model/Attention.java}, with the given files. */
    VariantProposed twoFiles(String variantId, List<ProgramFile> files) {
        String source = "class Gpt { /* " + variantId + " */ model.Attention attention; }";
        return new VariantProposed(next(), 1, variantId, variantId, AssignmentKind.MUTATE, "agent-2", "agent-2",
                List.of(a1), source, ProgramFiles.sha256(source, files), TWO_FILE_DIFF,
                "Split attention into its own file, with twice the heads.", new MutatorInfo("llm", "gpt-4o-mini"),
                new TokenUsage(1000, 200, 1, 0.005), ProposalStatus.VALID, List.of(), DATASET, BUDGET, 7, null, null,
                null, null, files);
    }

    private TrainingProgress progress(int generation, String variantId, double fraction) {
        long step = Math.round(fraction * 200);
        return new TrainingProgress(next(), generation, variantId, "worker-1", step, step * 500, 3.0 - fraction, 9000,
                60 * (1 - fraction), fraction);
    }

    private TrainingCompleted completed(int generation, String variantId, double bpb) {
        double loss = bpb * Math.log(2);
        return new TrainingCompleted(next(), generation, variantId, "worker-1", 7,
                new TrainingMetrics(loss, bpb, Math.exp(loss), loss, 100_000, 200, 9000 + 100 * bpb, 800_000, 5e6, 1e11,
                        0.2, 500_000_000L, 10, 14, "cpu"), new ArchitectureCard(4, 4, 128, 64, 65), List.of());
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
