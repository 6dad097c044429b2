package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.generation.ControlDelta;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/search-efficiency.sh reads what ./darwin run printed: its summary ({@code bench/SearchEfficiency.java}) must
 * read the lines {@link RunLines} writes, so that a change of their wording fails here and not in an hour-long run.
 */
class SearchEfficiencySummaryTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final NoiseFloor FLOOR = new NoiseFloor(3, 0.02, null, null, "cpu");

    @TempDir
    Path dir;

    @Test
    void theSummaryReadsEachRunsBestDeltaItsFloorTheFirstBetterGenerationAndItsRates() throws Exception {
        // random: a tie in generation 1, nothing beyond the floor; optimizer: better than the control in generation 2
        log("random-1", generation(1, 0.0, "a", -0.01, true), generation(2, 0.25, "b", 0.03, false));
        log("optimizer-1", generation(1, 0.0, "a", 0.01, true), generation(2, 0.0, "b", -0.05, false));

        String output = summary(dir.resolve("optimizer-1.log"), dir.resolve("random-1.log"));

        assertThat(output).containsPattern("optimizer\\s+1\\s+-0\\.0500\\s+0\\.0200\\s+yes\\s+generation 2\\s+0%")
                .containsPattern("random\\s+1\\s+-0\\.0100\\s+0\\.0200\\s+no\\s+never \\(of 2\\)\\s+13%")
                .contains("optimizer/random: best Δ 5.00×; runs beyond the floor 1/1 against 0/1");
    }

    private void log(String name, GenerationClosed... generations) throws Exception {
        List<String> lines = new ArrayList<>(RunLines.closed(new GenerationClosed("e", 1, "run", Instant.EPOCH, 0,
                List.of(), List.of(), statistics(0), null, null, FLOOR)));
        for (GenerationClosed closed : generations) {
            lines.addAll(RunLines.closed(closed));
        }
        lines.addAll(RunLines.verdict(null));
        Files.write(dir.resolve(name + ".log"), lines);
    }

    private static GenerationClosed generation(int number, double errorRate, String agent, double delta,
                                               boolean withinNoise) {
        return new GenerationClosed("e", 1, "run", Instant.EPOCH, number, List.of(
                new RankedVariant(1, "run-g" + number + "-" + agent, agent, VariantOutcome.COMPLETED, null,
                        3.5 + delta, 0.2, 8_000.0, null, List.of(), new ControlDelta(delta, null, null, withinNoise)),
                new RankedVariant(2, "run-g" + number + "-control", "baseline", VariantOutcome.COMPLETED, null, 3.5,
                        0.2, 8_000.0, null)), List.of(), statistics(errorRate), null, "run-g" + number + "-control",
                FLOOR);
    }

    private static GenerationStatistics statistics(double errorRate) {
        return new GenerationStatistics(2, 2, 0, 0, 3.45, 3.5, 0, errorRate, 0, 0);
    }

    private static String summary(Path... logs) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), REPOSITORY.resolve("bench/SearchEfficiency.java").toString()));
        for (Path log : logs) {
            command.add(log.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
