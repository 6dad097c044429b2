package ai.darwin.events;

import static ai.darwin.events.ContractResources.golden;
import static ai.darwin.events.ContractResources.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.VariantProposed;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A program of several files: its hash, the rules of its layout, and events with and without files. */
class ProgramFilesTest {

    private static final String ENTRY = "public final class Program implements TrainingProgram {}\n";
    private static final ProgramFile BLOCKS = new ProgramFile("model/Blocks.java", "package model;\nclass Blocks {}\n");
    private static final ProgramFile HEADS = new ProgramFile("model/Heads.java", "package model;\nclass Heads {}\n");

    @Test
    void aSingleFileProgramKeepsTheHashOfItsSource() {
        assertThat(ProgramFiles.sha256(ENTRY, null)).isEqualTo(Sha256.of(ENTRY));
        assertThat(ProgramFiles.sha256(ENTRY, List.of())).isEqualTo(Sha256.of(ENTRY));
    }

    @Test
    void theHashCoversEveryFileAndNotTheOrderTheyCameIn() {
        String hash = ProgramFiles.sha256(ENTRY, List.of(BLOCKS, HEADS));

        assertThat(ProgramFiles.sha256(ENTRY, List.of(HEADS, BLOCKS))).isEqualTo(hash);
        assertThat(hash).isNotEqualTo(Sha256.of(ENTRY))
                .isNotEqualTo(ProgramFiles.sha256(ENTRY, List.of(BLOCKS)))
                .isNotEqualTo(ProgramFiles.sha256(ENTRY, List.of(BLOCKS,
                        new ProgramFile("model/Heads.java", "package model;\nclass Heads { }\n"))));
    }

    @Test
    void movingTextBetweenPathAndSourceOrBetweenFilesChangesTheHash() {
        ProgramFile ab = new ProgramFile("A.java", "class A {}");
        ProgramFile split = new ProgramFile("A.java", "class A");
        ProgramFile rest = new ProgramFile("B.java", " {}");

        assertThat(ProgramFiles.sha256("x", List.of(ab)))
                .isNotEqualTo(ProgramFiles.sha256("x", List.of(split, rest)))
                .isNotEqualTo(ProgramFiles.sha256("xA.java", List.of(new ProgramFile("A.java", "class A {}"))));
        assertThat(ProgramFiles.sha256("x", List.of(new ProgramFile("a/B.java", "y"))))
                .isNotEqualTo(ProgramFiles.sha256("x", List.of(new ProgramFile("a/B.jav", "a\0y"))));
    }

    @Test
    void aLayoutWithinTheRulesHasNoProblems() {
        List<ProgramFile> files = List.of(BLOCKS, HEADS, new ProgramFile("Helpers.java", "class Helpers {}"),
                new ProgramFile("a/b/c/d/Deep.java", "package a.b.c.d; class Deep {}"),
                new ProgramFile("$x/_y/Z1.java", "package $x._y; class Z1 {}"));

        assertThat(ProgramFiles.problems(ENTRY, files)).isEmpty();
        assertThat(ProgramFiles.problems(ENTRY, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../Escape.java", "model/../../Escape.java", "/etc/Absolute.java", "model//Empty.java",
            "./Here.java", "model/./Here.java", "model\\Windows.java", "Model.txt", "Model.java/", "model/",
            "model/1st.java", "a/b/c/d/e/TooDeep.java", "mödel/Umlaut.java", "model/Name.java\n", " Space.java",
            "C:/Drive.java", ".java", "model/.java"})
    void aHostilePathIsAProblem(String path) {
        List<String> problems = ProgramFiles.problems(ENTRY, List.of(new ProgramFile(path, "class X {}")));

        assertThat(ProgramFiles.isValidPath(path)).isFalse();
        assertThat(problems).singleElement().asString().contains("is not allowed").doesNotContain("\n");
    }

    @Test
    void theEntrysPathAndPathsThatDifferOnlyInCaseAreTaken() {
        assertThat(ProgramFiles.problems(ENTRY, List.of(new ProgramFile("Program.java", "class Program {}"))))
                .singleElement().asString().contains("entry file");
        assertThat(ProgramFiles.problems(ENTRY, List.of(BLOCKS, new ProgramFile("Model/blocks.java", "class X {}"))))
                .singleElement().asString().contains("more than once");
    }

    @Test
    void theCapsOnFilesAndCharactersHold() {
        List<ProgramFile> seventeen = IntStream.range(0, ProgramFiles.MAX_FILES)
                .mapToObj(i -> new ProgramFile("F" + i + ".java", "class F" + i + " {}")).toList();
        String large = "x".repeat(ProgramFiles.MAX_FILE_CHARS + 1);
        List<ProgramFile> bulky = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            bulky.add(new ProgramFile("B" + i + ".java", "y".repeat(ProgramFiles.MAX_FILE_CHARS)));
        }

        assertThat(ProgramFiles.problems(ENTRY, seventeen.subList(0, ProgramFiles.MAX_FILES - 1))).isEmpty();
        assertThat(ProgramFiles.problems(ENTRY, seventeen)).singleElement().asString().contains("17 files");
        assertThat(ProgramFiles.problems(large, null)).singleElement().asString().contains("entry file");
        assertThat(ProgramFiles.problems(ENTRY, List.of(new ProgramFile("Big.java", large))))
                .anySatisfy(p -> assertThat(p).contains("'Big.java' has"));
        assertThat(ProgramFiles.problems(ENTRY, bulky)).singleElement().asString().contains("together");
    }

    @Test
    void aFilesPackageIsItsDirectory() {
        assertThat(ProgramFiles.packageOf("Helpers.java")).isEmpty();
        assertThat(ProgramFiles.packageOf("model/Attention.java")).isEqualTo("model");
        assertThat(ProgramFiles.packageOf("a/b/C.java")).isEqualTo("a.b");
    }

    @Test
    void theGoldenSamplesHashTheWholeProgram() {
        VariantProposed variant = EventCodec.read(golden(EventType.VARIANT_PROPOSED), VariantProposed.class);
        GenerationOpened opened = EventCodec.read(golden(EventType.GENERATION_OPENED), GenerationOpened.class);

        assertThat(variant.filesOrNone()).isNotEmpty();
        assertThat(variant.sourceSha256()).isEqualTo(ProgramFiles.sha256(variant.source(), variant.files()));
        assertThat(opened.agents()).allSatisfy(agent ->
                assertThat(agent.sourceSha256()).isEqualTo(ProgramFiles.sha256(agent.source(), agent.files())));
        assertThat(opened.agents()).anySatisfy(agent -> assertThat(agent.filesOrNone()).isNotEmpty());
        assertThat(ProgramFiles.problems(variant.source(), variant.files())).isEmpty();
    }

    @Test
    void eventsWrittenBeforeFilesReadAsSingleFilePrograms() {
        ObjectNode variant = (ObjectNode) parse(golden(EventType.VARIANT_PROPOSED));
        variant.remove("files");
        ObjectNode opened = (ObjectNode) parse(golden(EventType.GENERATION_OPENED));
        opened.withArray("agents").forEach(agent -> ((ObjectNode) agent).remove("files"));

        VariantProposed single = EventCodec.read(variant.toString(), VariantProposed.class);
        GenerationOpened before = EventCodec.read(opened.toString(), GenerationOpened.class);

        assertThat(single.files()).isNull();
        assertThat(single.filesOrNone()).isEmpty();
        assertThat(before.agents()).allSatisfy(agent -> assertThat(agent.filesOrNone()).isEmpty());
        assertThat(parse(EventCodec.write(single)).has("files")).isFalse();
        assertThat(ContractResources.schemaOf(EventType.VARIANT_PROPOSED).validate(variant)).isEmpty();
        assertThat(ContractResources.schemaOf(EventType.GENERATION_OPENED).validate(opened)).isEmpty();
    }

    @Test
    void theSchemaRefusesAHostilePathAFileWithoutSourceAndTooManyFiles() {
        ObjectNode traversal = (ObjectNode) parse(golden(EventType.VARIANT_PROPOSED));
        ((ObjectNode) traversal.withArray("files").get(0)).put("path", "../Escape.java");
        ObjectNode noSource = (ObjectNode) parse(golden(EventType.VARIANT_PROPOSED));
        ((ObjectNode) noSource.withArray("files").get(0)).remove("source");
        ObjectNode crowded = (ObjectNode) parse(golden(EventType.VARIANT_PROPOSED));
        for (int i = 0; i < ProgramFiles.MAX_FILES; i++) {
            crowded.withArray("files").addObject().put("path", "F" + i + ".java").put("source", "class F {}");
        }

        assertThat(ContractResources.schemaOf(EventType.VARIANT_PROPOSED).validate(traversal)).isNotEmpty();
        assertThat(ContractResources.schemaOf(EventType.VARIANT_PROPOSED).validate(noSource)).isNotEmpty();
        assertThat(ContractResources.schemaOf(EventType.VARIANT_PROPOSED).validate(crowded)).isNotEmpty();
    }

    @Test
    void aFileNeedsAPathAndASourceSoThatAMalformedOneFailsAsItIsRead() {
        assertThatThrownBy(() -> new ProgramFile(" ", "class A {}")).hasMessageContaining("files[].path");
        assertThatThrownBy(() -> new ProgramFile("A.java", null)).hasMessageContaining("files[].source");
        ObjectNode nullFile = (ObjectNode) parse(golden(EventType.VARIANT_PROPOSED));
        nullFile.withArray("files").addNull();

        assertThatThrownBy(() -> EventCodec.read(nullFile.toString(), VariantProposed.class))
                .isInstanceOf(MalformedEventException.class);
    }
}
