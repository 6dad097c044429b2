package ai.darwin.local.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./darwin compare} for real: the training sandbox (bubblewrap, child JVMs, the harness) and no service. The
 * seed against itself is not better; a candidate the bytecode check refuses is not better, with its failure class;
 * bad arguments are an error.
 */
class CompareCommandIT {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final Path SEED = REPOSITORY.resolve("training-sdk/src/main/resources/programs/SeedGpt.java");

    @TempDir
    static Path home;

    @BeforeAll
    static void theChildsJarsAreBuilt() {
        assumeTrue(Files.isDirectory(REPOSITORY.resolve("training-service/target/sandbox-lib")),
                "training-service is built first in the reactor: its target/sandbox-lib holds the child's jars");
    }

    record Outcome(int status, String out, String err) {
    }

    private static Outcome compare(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CompareCommand.run(List.of(args), REPOSITORY, home,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path copy(String name, String source) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, source);
        return file;
    }

    @Test
    void theSeedAgainstItselfIsNotBetter() throws IOException {
        Path a = copy("A.java", Files.readString(SEED));
        Path b = copy("B.java", Files.readString(SEED));

        Outcome outcome = compare(a.toString(), b.toString(), "--budget-tokens", "1536", "--seeds", "3");

        assertThat(outcome.status()).as(outcome.out() + outcome.err()).isEqualTo(CompareCommand.NOT_BETTER);
        assertThat(outcome.out()).contains("Over 3 pairs", "val_bpb", "tokens_per_second", "p",
                "Verdict: B is not better than A");
        assertThat(outcome.out().lines().filter(line -> line.startsWith("  A seed") || line.startsWith("  B seed")))
                .hasSize(6);
    }

    @Test
    void aCandidateTheHarnessRefusesIsNotBetterAndSaysWhy() throws IOException {
        Path a = copy("Seed.java", Files.readString(SEED));
        Path b = copy("Exits.java", Files.readString(SEED).replace("int vocab = ctx.vocabularySize();",
                "int vocab = ctx.vocabularySize(); System.exit(3);"));

        Outcome outcome = compare(a.toString(), b.toString(), "--budget-tokens", "768", "--seeds", "3", "--json");

        assertThat(outcome.status()).as(outcome.out() + outcome.err()).isEqualTo(CompareCommand.NOT_BETTER);
        assertThat(outcome.out()).contains("\"verdict\" : \"NOT_BETTER\"", "FORBIDDEN_API", "java.lang.System.exit");
    }

    @Test
    void badArgumentsAreAnErrorWithTheUsage() {
        Outcome outcome = compare("only-one.java");

        assertThat(outcome.status()).isEqualTo(CompareCommand.ERROR);
        assertThat(outcome.err()).contains("usage: ./darwin compare");
    }
}
