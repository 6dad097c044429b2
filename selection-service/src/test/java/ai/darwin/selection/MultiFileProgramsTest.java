package ai.darwin.selection;

import static ai.darwin.selection.ScriptedEvents.completed;
import static ai.darwin.selection.ScriptedEvents.proposal;
import static ai.darwin.selection.ScriptedEvents.variantId;
import static ai.darwin.selection.ScriptedEvents.withFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.Sha256;
import ai.darwin.events.generation.AgentProgram;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.messaging.SelectionConsumers;
import ai.darwin.selection.store.SelectionStore;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A program of several files travels whole through selection: a two-file parent reaches its mutator with both files,
 * a two-file champion is re-trained with both and the whole program's hash, and a program beyond the contract's caps
 * is never taken in, so that no later event has to carry it.
 */
@QuarkusTest
@WithTestResource(ChannelDriver.InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class MultiFileProgramsTest {

    private static final List<ProgramFile> MODEL = List.of(
            new ProgramFile("model/Gpt.java", "package model; public class Gpt { }"));

    @Inject
    ChannelDriver channels;

    @Inject
    SelectionStore store;

    @Test
    void theNextGenerationHandsATwoFileParentToItsMutatorWithBothFiles() {
        String run = "run-multifile-parent";
        channels.send(SelectionConsumers.RUNS, ScriptedEvents.runRequested(run, 2, 2, 0, 3));
        VariantProposed twoFiles = trainWithTwoFileChampion(channels.opened(run, 0));

        AgentProgram parent = channels.opened(run, 1).agents().stream()
                .filter(a -> a.variantId().equals(twoFiles.variantId())).findFirst().orElseThrow();
        assertThat(parent.source()).isEqualTo(twoFiles.source());
        assertThat(parent.files()).containsExactlyElementsOf(MODEL);
        assertThat(parent.sourceSha256()).isEqualTo(ProgramFiles.sha256(twoFiles.source(), MODEL))
                .isNotEqualTo(Sha256.of(twoFiles.source()));
        // the seed program (and every other single-file parent) reads as before: no files at all
        assertThat(channels.opened(run, 1).agents()).filteredOn(a -> !a.variantId().equals(twoFiles.variantId()))
                .allSatisfy(a -> {
                    assertThat(a.files()).isNull();
                    assertThat(a.sourceSha256()).isEqualTo(Sha256.of(a.source()));
                });
    }

    @Test
    void theVerificationReTrainsATwoFileChampionWithBothFilesAndTheWholeProgramsHash() {
        String run = "run-multifile-verification";
        channels.send(SelectionConsumers.RUNS, ScriptedEvents.runRequested(run, 2, 1, 0, 3));
        VariantProposed twoFiles = trainWithTwoFileChampion(channels.opened(run, 0));
        GenerationOpened verification = channels.opened(run, 1);
        assertThat(channels.state(run).championVariantId()).isEqualTo(twoFiles.variantId());
        List<VariantProposed> retrained = channels.published(EventPublisher.VARIANTS, VariantProposed.class, run)
                .stream().filter(v -> v.generation() == 1).toList();
        assertThat(retrained).hasSize(verification.assignments().size());
        List<VariantProposed> champion = retrained.stream()
                .filter(v -> v.parentVariantIds().equals(List.of(twoFiles.variantId()))).toList();
        assertThat(champion).hasSize(3).allSatisfy(v -> {
            assertThat(v.source()).isEqualTo(twoFiles.source());
            assertThat(v.files()).containsExactlyElementsOf(MODEL);
            assertThat(v.sourceSha256()).isEqualTo(ProgramFiles.sha256(twoFiles.source(), MODEL));
        });
        assertThat(retrained).filteredOn(v -> !champion.contains(v)).hasSize(3)
                .allSatisfy(v -> assertThat(v.files()).isNull());
        // what selection stored of its re-training keeps the files too: a restart re-publishes the same program
        assertThat(store.proposal(champion.get(0).variantId()).orElseThrow().files()).containsExactlyElementsOf(MODEL);
    }

    @Test
    void aProgramBeyondTheCapsIsNotTakenIn() {
        String run = "run-multifile-caps";
        channels.send(SelectionConsumers.RUNS, ScriptedEvents.runRequested(run, 2, 2, 0, 3));
        GenerationOpened opened = channels.opened(run, 0);
        Assignment first = opened.assignments().get(0);
        List<ProgramFile> tooMany = IntStream.range(0, ProgramFiles.MAX_FILES)
                .mapToObj(i -> new ProgramFile("model/Part" + i + ".java", "package model; class Part" + i + " { }"))
                .toList();
        List<ProgramFile> climbing = List.of(new ProgramFile("../Escape.java", "class Escape { }"));

        channels.send(SelectionConsumers.VARIANTS, withFiles(proposal(opened, first), tooMany));
        channels.send(SelectionConsumers.VARIANTS, withFiles(proposal(opened, first), climbing));
        // a proposal sent after them is taken in: by then both were handled, and neither stored
        Assignment second = opened.assignments().get(1);
        channels.send(SelectionConsumers.VARIANTS, proposal(opened, second));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.proposal(variantId(second)).isPresent());
        assertThat(store.proposal(variantId(first))).isEmpty();

        // the assignment is still open to a proposal within the rules
        channels.send(SelectionConsumers.VARIANTS, withFiles(proposal(opened, first), MODEL));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.proposal(variantId(first))
                .map(p -> MODEL.equals(p.files())).orElse(false));
    }

    /**
     * Proposes every mutation of generation 0, the first as a two-file program, and trains it best: it is the
     * champion.
     */
    private VariantProposed trainWithTwoFileChampion(GenerationOpened opened) {
        Assignment first = opened.assignments().stream().filter(a -> a.kind() == AssignmentKind.MUTATE)
                .findFirst().orElseThrow();
        VariantProposed twoFiles = withFiles(proposal(opened, first), MODEL);
        for (Assignment assignment : opened.assignments()) {
            if (assignment.kind() == AssignmentKind.MUTATE) {
                channels.send(SelectionConsumers.VARIANTS, assignment == first ? twoFiles
                        : proposal(opened, assignment));
            }
            double bpb = assignment == first ? 1.2 : assignment.targetAgentId().equals("baseline") ? 2.0 : 1.6;
            channels.send(SelectionConsumers.RESULTS, completed(opened.runId(), 0, variantId(assignment), bpb));
        }
        return twoFiles;
    }
}
