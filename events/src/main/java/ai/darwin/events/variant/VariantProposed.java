package ai.darwin.events.variant;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.run.DatasetSpec;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;

/**
 * A program ready to train, on {@link ai.darwin.events.Topics#VARIANTS}, keyed by variant id so that variants
 * spread over the partitions of the training consumer group. It carries all a worker needs to train it.
 *
 * @param generation       the generation it belongs to
 * @param variantId        unique id of the variant
 * @param assignmentId     the assignment it answers
 * @param kind             MUTATE, BASELINE or VERIFY
 * @param mutatorAgentId   the agent that rewrote the program
 * @param targetAgentId    the agent that owns the result
 * @param parentVariantIds the program(s) it was derived from
 * @param source           the full Java source of the program's entry file, the class that implements
 *                         {@code TrainingProgram} (a single-file program's only file)
 * @param sourceSha256     the whole program's hash, {@link ProgramFiles#sha256}: of a single file, the SHA-256 of the
 *                         source's UTF-8 bytes
 * @param diff             unified diff against the first parent, per file ({@code --- a/<path>} / {@code +++ b/<path>},
 *                         {@code /dev/null} for a file added or removed; the entry file is
 *                         {@link ProgramFiles#ENTRY_PATH})
 * @param reasoning        the mutator's explanation of the change
 * @param mutator          which mutator and model
 * @param usage            LLM tokens and cost
 * @param status           how validation went
 * @param validationErrors the reasons of failed validation attempts, oldest first
 * @param dataset          the corpus to train on
 * @param budget           the training budget
 * @param trainingSeed     the seed to train with
 * @param preset           the run's preset ({@code cpu}, {@code gpu}), which the harness hands the program and the
 *                         mutators edited for; absent in older events and where the publisher did not know the run:
 *                         then the worker's configured preset, or the one its device suggests
 * @param attempt          which attempt at its assignment it is: 1 (or absent, in older events) for the first, n + 1
 *                         for the runtime repair of attempt n (see {@link RuntimeRepair})
 * @param repairOf         the variant of the same assignment whose training failure this attempt repairs; absent for a
 *                         first attempt
 * @param grantedImports   the import catalogue entries (ids, e.g. {@code java-time-values}) a human granted the run:
 *                         the worker compiles and checks the program with them, and refuses the variant when one is not
 *                         in its catalogue; absent or empty, nothing beyond the training SDK's allowed APIs
 * @param files            the program's other files besides {@code source}, in its package tree (see
 *                         {@link ProgramFile}, within {@link ProgramFiles}'s caps); absent or empty, a single-file
 *                         program
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonTypeName("VariantProposed")
public record VariantProposed(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                              String variantId, String assignmentId, AssignmentKind kind, String mutatorAgentId,
                              String targetAgentId, List<String> parentVariantIds, String source,
                              String sourceSha256, String diff, String reasoning, MutatorInfo mutator,
                              TokenUsage usage, ProposalStatus status, List<String> validationErrors,
                              DatasetSpec dataset, TrainingBudget budget, long trainingSeed,
                              @Nullable String preset, @Nullable Integer attempt, @Nullable String repairOf,
                              @Nullable List<String> grantedImports, @Nullable List<ProgramFile> files)
        implements DarwinEvent {

    public VariantProposed {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.atLeast(generation, 0, "generation");
        Require.text(variantId, "variantId");
        Require.text(assignmentId, "assignmentId");
        Require.present(kind, "kind");
        Require.text(mutatorAgentId, "mutatorAgentId");
        Require.text(targetAgentId, "targetAgentId");
        parentVariantIds = Require.list(parentVariantIds, "parentVariantIds");
        Require.text(source, "source");
        Require.text(sourceSha256, "sourceSha256");
        Require.present(diff, "diff");
        Require.present(reasoning, "reasoning");
        Require.present(mutator, "mutator");
        Require.present(usage, "usage");
        Require.present(status, "status");
        validationErrors = Require.list(validationErrors, "validationErrors");
        Require.present(dataset, "dataset");
        Require.present(budget, "budget");
        if (preset != null && preset.isBlank()) {
            throw new IllegalArgumentException("field 'preset' must not be blank when present");
        }
        if (attempt != null) {
            Require.atLeast(attempt, 1, "attempt");
        }
        if ((repairOf == null) != (attempt == null || attempt == 1)) {
            throw new IllegalArgumentException("field 'repairOf' must be present exactly when 'attempt' is above 1");
        }
        if (repairOf != null) {
            Require.text(repairOf, "repairOf");
        }
        if (grantedImports != null) {
            grantedImports = Require.list(grantedImports, "grantedImports");
            grantedImports.forEach(id -> Require.text(id, "grantedImports[]"));
        }
        if (files != null) {
            files = Require.list(files, "files");
        }
    }

    /** A single-file program, with every other component. */
    public VariantProposed(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                           String variantId, String assignmentId, AssignmentKind kind, String mutatorAgentId,
                           String targetAgentId, List<String> parentVariantIds, String source, String sourceSha256,
                           String diff, String reasoning, MutatorInfo mutator, TokenUsage usage, ProposalStatus status,
                           List<String> validationErrors, DatasetSpec dataset, TrainingBudget budget,
                           long trainingSeed, @Nullable String preset, @Nullable Integer attempt,
                           @Nullable String repairOf, @Nullable List<String> grantedImports) {
        this(eventId, schemaVersion, runId, timestamp, generation, variantId, assignmentId, kind, mutatorAgentId,
                targetAgentId, parentVariantIds, source, sourceSha256, diff, reasoning, mutator, usage, status,
                validationErrors, dataset, budget, trainingSeed, preset, attempt, repairOf, grantedImports, null);
    }

    /** A first attempt, with the run's preset (null: the worker chooses). */
    public VariantProposed(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                           String variantId, String assignmentId, AssignmentKind kind, String mutatorAgentId,
                           String targetAgentId, List<String> parentVariantIds, String source, String sourceSha256,
                           String diff, String reasoning, MutatorInfo mutator, TokenUsage usage, ProposalStatus status,
                           List<String> validationErrors, DatasetSpec dataset, TrainingBudget budget,
                           long trainingSeed, @Nullable String preset) {
        this(eventId, schemaVersion, runId, timestamp, generation, variantId, assignmentId, kind, mutatorAgentId,
                targetAgentId, parentVariantIds, source, sourceSha256, diff, reasoning, mutator, usage, status,
                validationErrors, dataset, budget, trainingSeed, preset, null, null, null);
    }

    /** A variant that names no preset: the worker chooses. */
    public VariantProposed(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                           String variantId, String assignmentId, AssignmentKind kind, String mutatorAgentId,
                           String targetAgentId, List<String> parentVariantIds, String source, String sourceSha256,
                           String diff, String reasoning, MutatorInfo mutator, TokenUsage usage, ProposalStatus status,
                           List<String> validationErrors, DatasetSpec dataset, TrainingBudget budget,
                           long trainingSeed) {
        this(eventId, schemaVersion, runId, timestamp, generation, variantId, assignmentId, kind, mutatorAgentId,
                targetAgentId, parentVariantIds, source, sourceSha256, diff, reasoning, mutator, usage, status,
                validationErrors, dataset, budget, trainingSeed, null);
    }

    /** The event in its {@link Envelope}, with the run's preset (null when the publisher does not know it). */
    public VariantProposed(Envelope envelope, int generation, String variantId, String assignmentId,
                           AssignmentKind kind, String mutatorAgentId, String targetAgentId,
                           List<String> parentVariantIds, String source, String sourceSha256, String diff,
                           String reasoning, MutatorInfo mutator, TokenUsage usage, ProposalStatus status,
                           List<String> validationErrors, DatasetSpec dataset, TrainingBudget budget,
                           long trainingSeed, @Nullable String preset) {
        this(envelope, generation, variantId, assignmentId, kind, mutatorAgentId, targetAgentId, parentVariantIds,
                source, sourceSha256, diff, reasoning, mutator, usage, status, validationErrors, dataset, budget,
                trainingSeed, preset, null, null, null);
    }

    /**
     * The event in its {@link Envelope}, as attempt {@code attempt} (a repair of {@code repairOf} when above 1), with
     * the import grants of its run.
     */
    public VariantProposed(Envelope envelope, int generation, String variantId, String assignmentId,
                           AssignmentKind kind, String mutatorAgentId, String targetAgentId,
                           List<String> parentVariantIds, String source, String sourceSha256, String diff,
                           String reasoning, MutatorInfo mutator, TokenUsage usage, ProposalStatus status,
                           List<String> validationErrors, DatasetSpec dataset, TrainingBudget budget,
                           long trainingSeed, @Nullable String preset, @Nullable Integer attempt,
                           @Nullable String repairOf, @Nullable List<String> grantedImports) {
        this(envelope, generation, variantId, assignmentId, kind, mutatorAgentId, targetAgentId, parentVariantIds,
                source, sourceSha256, diff, reasoning, mutator, usage, status, validationErrors, dataset, budget,
                trainingSeed, preset, attempt, repairOf, grantedImports, null);
    }

    /** The event in its {@link Envelope}, with every component: a program of several files among them. */
    public VariantProposed(Envelope envelope, int generation, String variantId, String assignmentId,
                           AssignmentKind kind, String mutatorAgentId, String targetAgentId,
                           List<String> parentVariantIds, String source, String sourceSha256, String diff,
                           String reasoning, MutatorInfo mutator, TokenUsage usage, ProposalStatus status,
                           List<String> validationErrors, DatasetSpec dataset, TrainingBudget budget,
                           long trainingSeed, @Nullable String preset, @Nullable Integer attempt,
                           @Nullable String repairOf, @Nullable List<String> grantedImports,
                           @Nullable List<ProgramFile> files) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), generation,
                variantId, assignmentId, kind, mutatorAgentId, targetAgentId, parentVariantIds, source, sourceSha256,
                diff, reasoning, mutator, usage, status, validationErrors, dataset, budget, trainingSeed, preset,
                attempt, repairOf, grantedImports, files);
    }

    /** The import catalogue entries granted to the run: empty when the event names none. */
    public List<String> grantsOrNone() {
        return grantedImports == null ? List.of() : grantedImports;
    }

    /** The program's files besides its entry file: empty for a single-file program. */
    public List<ProgramFile> filesOrNone() {
        return ProgramFiles.orNone(files);
    }

    /** Which attempt at its assignment this is: 1 for the first (and for events older than attempts). */
    public int attemptNumber() {
        return attempt == null ? 1 : attempt;
    }

    /** The event in its {@link Envelope}, naming no preset: the worker chooses. */
    public VariantProposed(Envelope envelope, int generation, String variantId, String assignmentId,
                           AssignmentKind kind, String mutatorAgentId, String targetAgentId,
                           List<String> parentVariantIds, String source, String sourceSha256, String diff,
                           String reasoning, MutatorInfo mutator, TokenUsage usage, ProposalStatus status,
                           List<String> validationErrors, DatasetSpec dataset, TrainingBudget budget,
                           long trainingSeed) {
        this(envelope, generation, variantId, assignmentId, kind, mutatorAgentId, targetAgentId, parentVariantIds,
                source, sourceSha256, diff, reasoning, mutator, usage, status, validationErrors, dataset, budget,
                trainingSeed, null);
    }
}
