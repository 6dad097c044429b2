package ai.darwin.training.harness.sandbox;

import ai.darwin.training.harness.SplitProgram;
import ai.darwin.training.harness.TinySeed;
import ai.darwin.training.harness.compile.ProgramSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ChildMainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void prepare(Path dir, String source) throws IOException {
        Files.writeString(dir.resolve(ChildMain.PROGRAM), source);
        ChildConfig.write(TinySeed.oneStep(), dir.resolve(ChildMain.CONFIG));
    }

    private static JsonNode result(Path dir) throws IOException {
        return JSON.readTree(dir.resolve(ChildMain.RESULT).toFile());
    }

    @Test
    void runsAProgramAndWritesItsReport(@TempDir Path dir) throws IOException {
        prepare(dir, TinySeed.source(false));

        assertThat(ChildMain.run(dir)).isZero();

        JsonNode result = result(dir);
        assertThat(result.get("succeeded").asBoolean()).isTrue();
        assertThat(result.get("failure").isNull()).isTrue();
        assertThat(result.get("metrics").get("valLoss").asDouble()).isBetween(3.0, 5.0);
        assertThat(result.get("metrics").get("tokensTrained").asLong()).isEqualTo(16);
        assertThat(result.get("architecture").get("layers").asInt()).isEqualTo(TinySeed.LAYERS);
        assertThat(result.get("vocabularySize").asInt()).isEqualTo(65);
        List<String> progress = Files.readAllLines(dir.resolve(ChildMain.PROGRESS));
        assertThat(progress).hasSize(1);
        assertThat(JSON.readTree(progress.get(0)).get("step").asLong()).isEqualTo(1);
        assertThat(result.get("progress")).hasSize(1);
        assertThat(dir.resolve(ChildMain.RESULT + ".tmp")).doesNotExist();
        JsonNode timings = result.get("timings");
        assertThat(timings.get("compileSeconds").asDouble()).isPositive();
        assertThat(timings.get("dataSeconds").asDouble()).isPositive();
        assertThat(timings.get("trainSeconds").asDouble()).isPositive();
        assertThat(timings.get("evaluationSeconds").asDouble()).isPositive();
    }

    @Test
    void runsAProgramOfTwoFilesFromItsFolder(@TempDir Path dir) throws IOException {
        ProgramSource split = SplitProgram.of(TinySeed.source(false));
        prepare(dir, split.entry());
        Path model = dir.resolve(ChildMain.FILES).resolve(SplitProgram.MODEL_PATH);
        Files.createDirectories(model.getParent());
        Files.writeString(model, split.files().get(SplitProgram.MODEL_PATH));

        assertThat(ChildMain.readProgram(dir)).isEqualTo(split);
        assertThat(ChildMain.run(dir)).isZero();

        JsonNode result = result(dir);
        assertThat(result.get("failure").isNull()).as(result.toString()).isTrue();
        assertThat(result.get("metrics").get("tokensTrained").asLong()).isEqualTo(16);
    }

    @Test
    void aSingleFileProgramHasNoOtherFiles(@TempDir Path dir) throws IOException {
        prepare(dir, TinySeed.source(false));

        assertThat(ChildMain.readProgram(dir)).isEqualTo(ProgramSource.single(TinySeed.source(false)));
    }

    @Test
    void aForbiddenProgramIsReportedNotRun(@TempDir Path dir) throws IOException {
        prepare(dir, TinySeed.source(false).replace("int vocab = ctx.vocabularySize();",
                "int vocab = ctx.vocabularySize(); System.exit(3);"));

        assertThat(ChildMain.run(dir)).isZero();

        JsonNode failure = result(dir).get("failure");
        assertThat(failure.get("failureClass").asText()).isEqualTo("FORBIDDEN_API");
        assertThat(failure.get("message").asText()).contains("java.lang.System.exit");
        assertThat(result(dir).get("metrics").isNull()).isTrue();
    }

    /** The tiny seed drawing from java.util.random.RandomGenerator, which only the catalogue entry may grant. */
    private static String usingRandomGenerator() {
        return TinySeed.source(false).replace("int vocab = ctx.vocabularySize();",
                "int vocab = ctx.vocabularySize(); java.util.random.RandomGenerator draws = new java.util.Random(7);"
                        + " if (draws.nextGaussian(0.0, 1.0) > 1e9) { vocab = vocab + 1; }");
    }

    @Test
    void aGrantedImportIsRefusedWithoutItsGrantAndTrainsWithIt(@TempDir Path dir) throws IOException {
        prepare(dir, usingRandomGenerator());

        assertThat(ChildMain.run(dir)).isZero();
        JsonNode refused = result(dir).get("failure");
        assertThat(refused.get("failureClass").asText()).isEqualTo("FORBIDDEN_API");
        assertThat(refused.get("message").asText()).contains("java.util.random.RandomGenerator")
                .contains("NEW_IMPORT");

        Files.delete(dir.resolve(ChildMain.RESULT));
        ChildGrants.write(List.of("random-generator"), dir);
        assertThat(ChildMain.run(dir)).isZero();
        JsonNode trained = result(dir);
        assertThat(trained.get("succeeded").asBoolean()).isTrue();
        assertThat(trained.get("metrics").get("valLoss").asDouble()).isBetween(3.0, 5.0);
    }

    @Test
    void aGrantFromOutsideTheCatalogueIsRefusedBeforeTheProgramCompiles(@TempDir Path dir) throws IOException {
        prepare(dir, TinySeed.source(false).replace("int vocab = ctx.vocabularySize();",
                "int vocab = ctx.vocabularySize(); java.io.File file = new java.io.File(\"/etc/passwd\");"));
        ChildGrants.write(List.of("random-generator", "java.io.File"), dir);

        assertThat(ChildMain.run(dir)).isZero();

        JsonNode failure = result(dir).get("failure");
        assertThat(failure.get("failureClass").asText()).isEqualTo("FORBIDDEN_API");
        assertThat(failure.get("message").asText()).contains("'java.io.File' is not in the import catalogue");
        assertThat(result(dir).get("timings").get("compileSeconds").asDouble()).isZero();
    }

    @Test
    void missingInputsAreAnInfrastructureFailure(@TempDir Path dir) throws IOException {
        assertThat(ChildMain.run(dir)).isZero();

        assertThat(result(dir).get("failure").get("failureClass").asText()).isEqualTo("INFRASTRUCTURE");
    }

    @Test
    void runsInItsOwnJvm(@TempDir Path dir) throws IOException, InterruptedException {
        prepare(dir, TinySeed.source(false));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.pytorch.num_threads=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                ChildMain.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();

        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
        assertThat(result(dir).get("succeeded").asBoolean()).isTrue();
        JsonNode started = result(dir).get("child");
        assertThat(started.get("mainStartMillis").asLong()).isGreaterThanOrEqualTo(
                started.get("jvmStartMillis").asLong());
    }

    @Test
    void endsWhenItsParentDoes(@TempDir Path dir) throws IOException, InterruptedException {
        prepare(dir, TinySeed.source(false).replace("int vocab = ctx.vocabularySize();",
                "int vocab = ctx.vocabularySize(); while (ctx.vocabularySize() > 0) { }"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.pytorch.num_threads=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                ChildMain.class.getName(), dir.toString(), ChildMain.EXIT_WITH_PARENT)
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            // wherever it is by then (compiling, spinning in train), it never ends by itself
            Thread.sleep(2000);
            assertThat(child.isAlive()).as(Files.readString(dir.resolve("child.log"))).isTrue();

            child.getOutputStream().close();

            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(ChildMain.PARENT_GONE);
            assertThat(dir.resolve(ChildMain.RESULT)).doesNotExist();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aModelThatNeverAnswersEndsAsTimeoutWithinTheEvaluationLimit(@TempDir Path dir)
            throws IOException, InterruptedException {
        Files.writeString(dir.resolve(ChildMain.PROGRAM), TinySeed.source(false).replace(
                "ids -> model.forward(ids, false));",
                "ids -> { while (ids.getShape().size() > 0) { } return model.forward(ids, false); });"));
        ChildConfig.write(TinySeed.oneStep().withEvaluation(new ai.darwin.training.harness.HarnessConfig.Evaluation(
                1, 2, 16, 1, 3)), dir.resolve(ChildMain.CONFIG));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        long started = System.nanoTime();
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.pytorch.num_threads=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                ChildMain.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the phase watch ends the JVM").isTrue();
            assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
            JsonNode failure = result(dir).get("failure");
            assertThat(failure.get("failureClass").asText()).isEqualTo("TIMEOUT");
            assertThat(failure.get("message").asText()).contains("evaluation ran past its limit of 3.0 s");
            assertThat(result(dir).get("progress")).hasSize(1);
            assertThat((System.nanoTime() - started) / 1e9).isLessThan(100);
        } finally {
            child.destroyForcibly();
        }
    }
}
