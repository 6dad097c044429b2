package ai.darwin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./darwin run} as a new user meets it, run as the launcher runs it (its classes and {@code target/lib}):
 * a wrong option or a dataset that cannot be fetched stops it with one line that says what to do, before the
 * broker, the store or any service starts.
 */
class DarwinCliIT {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path home;

    private record Outcome(int exit, String output) {
    }

    private Outcome darwin(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Ddarwin.repository=" + REPOSITORY, "-cp", "target/classes:target/lib/*",
                "ai.darwin.local.cli.DarwinCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DARWIN_HOME", home.toString());
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().remove("OPENAI_BASE_URL");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), output);
    }

    @Test
    void aWrongOptionIsRefusedNamingItsRangeAndNothingStarts() throws Exception {
        for (String[] args : new String[][] {{"--population", "-2"}, {"--generations", "0"},
                {"--budget-seconds", "-5"}, {"--population", "abc"}}) {
            Outcome outcome = darwin("run", args[0], args[1]);

            assertThat(outcome.exit()).as(outcome.output()).isEqualTo(1);
            assertThat(outcome.output()).startsWith("darwin: " + args[0] + " must be ")
                    .contains("not '" + args[1] + "'").doesNotContain("Exception", "\tat ", "Kafka", "Starting");
            assertNothingStarted();
        }
    }

    @Test
    void aDatasetThatCannotBeFetchedSaysWhichUrlAndSuggestsAFile() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/input.txt";

        Outcome outcome = darwin("run", "--dataset", url);

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.output()).contains("darwin: could not fetch the dataset " + url,
                "./darwin run --dataset FILE").doesNotContain("Exception in thread", "\tat ");
        assertThat(outcome.output().lines().count()).isLessThanOrEqualTo(3);
        assertNothingStarted();
    }

    /** The launcher scripts keep their data, logs and pid files under DARWIN_HOME: none may exist. */
    private void assertNothingStarted() throws IOException {
        if (Files.exists(home)) {
            try (Stream<Path> files = Files.walk(home)) {
                assertThat(files.filter(Files::isRegularFile).map(home::relativize).map(Path::toString)
                        .filter(file -> !file.startsWith("data/"))).isEmpty();
            }
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
