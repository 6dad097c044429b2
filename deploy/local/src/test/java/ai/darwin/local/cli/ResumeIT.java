package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.EventType;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunOutcome;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.training.ArchitectureCard;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.training.TrainingStarted;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./darwin run} after a Ctrl-C, against the local broker (bin/kafka.sh): the run it resumes is the one the
 * runs topic holds, announced as it was requested (population 2, 2 generations, 8 s, not the defaults), and what
 * was finished is shown again in the order it happened, then the run goes on live.
 */
class ResumeIT {

    private static final Path BIN = Path.of(System.getProperty("darwin.local.bin", "bin"));
    private static final String RUN = "run-interrupted";
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    @TempDir
    static Path home;
    static Map<String, String> env;
    static String bootstrap;

    @BeforeAll
    static void startTheLocalBroker() throws Exception {
        int port = freePort();
        env = Map.of("DARWIN_HOME", home.toString(), "DARWIN_KAFKA_PORT", String.valueOf(port),
                "DARWIN_KAFKA_CONTROLLER_PORT", String.valueOf(freePort()));
        bootstrap = "127.0.0.1:" + port;
        script("start");
    }

    @AfterAll
    static void stopTheLocalBroker() throws Exception {
        script("stop");
    }

    @Test
    void theInterruptedRunIsAnnouncedAsRequestedAndItsFinishedWorkReplayedInOrder() throws Exception {
        RunRequested requested = RunHeaderTest.interrupted();
        RunRequested interrupted = new RunRequested(Envelope.at(RUN, T0), requested.config(), "rest");
        // the results topic gets v-1's result before the progress topic gets its start: readers may see either first
        publish(interrupted, new RunStarted(Envelope.at(RUN, T0.plusSeconds(1))),
                completed("v-1", T0.plusSeconds(20)), started("v-1", 1, T0.plusSeconds(3)),
                progress("v-1", T0.plusSeconds(10)), started("v-2", 1, T0.plusSeconds(21)));

        List<DarwinEvent> history = new RunWatcher(bootstrap, RUN).replay();
        RunRequested found = DarwinCli.unfinished(history).orElseThrow();

        assertThat(RunHeader.lines(found.config(), RUN, List.of()).get(0))
                .startsWith("Resuming run run-interrupted: population 2, 2 generations, 8 s per variant");

        CompletableFuture<Void> goesOn = CompletableFuture.runAsync(() -> {
            sleep(3000);
            publish(started("v-2", 2, Instant.now()), new RunCompleted(Envelope.of(RUN),
                    RunOutcome.GENERATIONS_DONE, 2, "v-1", null, 0));
        });
        String shown = shown(() -> assertThat(new RunWatcher(bootstrap, RUN).watch()).isNotNull());
        goesOn.get(30, TimeUnit.SECONDS);

        List<String> lines = shown.lines().map(String::strip).toList();
        assertThat(List.of(first(lines, "> v-1 training"), first(lines, "ok v-1"), first(lines, "> v-2 training"),
                first(lines, "> v-2 training on worker-1 (attempt 2)"))).isSorted().doesNotContain(-1);
        assertThat(lines).noneMatch(line -> line.startsWith("["));
        assertThat(DarwinCli.unfinished(new RunWatcher(bootstrap, RUN).replay())).isEmpty();
    }

    private static int first(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static TrainingStarted started(String variant, int attempt, Instant at) {
        return new TrainingStarted(Envelope.at(RUN, at), 0, variant, "worker-1", attempt);
    }

    private static TrainingProgress progress(String variant, Instant at) {
        return new TrainingProgress(Envelope.at(RUN, at), 0, variant, "worker-1", 10, 1000, 3.1, 900, 5, 0.5);
    }

    private static TrainingCompleted completed(String variant, Instant at) {
        return new TrainingCompleted(Envelope.at(RUN, at), 0, variant, "worker-1", 7,
                new TrainingMetrics(1, 1.5, 2.7, 1, 1000, 10, 900, 1000, 0, 1e11, 0.01, 0, 8, 9, "cpu"),
                new ArchitectureCard(1, 1, 8, 8, 65), List.of());
    }

    private static void publish(DarwinEvent... events) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all"), new StringSerializer(), new StringSerializer())) {
            for (DarwinEvent event : events) {
                producer.send(new ProducerRecord<>(EventType.of(event).topic().name(), RUN, EventCodec.write(event)))
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shown(Runnable watching) {
        PrintStream terminal = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            watching.run();
        } finally {
            System.setOut(terminal);
        }
        String shown = captured.toString(StandardCharsets.UTF_8);
        terminal.print(shown);
        return shown;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void script(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", BIN.resolve("kafka.sh").toString(), command)
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kafka.sh " + command + ":\n" + output).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
