package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.generation.ControlDelta;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.PairedDifference;
import ai.darwin.events.run.SampleStatistics;
import ai.darwin.events.run.VerificationReport;
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
    void theSummaryReadsEachRunsVerifiedDeltaItsPTheFirstBetterAndComparesTheMutators() throws Exception {
        // random: a tie in generation 1, nothing beyond the floor, a verified -1 %; optimizer: better than the control
        // in generation 2, verified -3 % (two runs each, so that the comparison has an interval)
        log("random-1", verified(3.50, 3.535, 0.004, true), generation(1, 0.0, "a", -0.01, true),
                generation(2, 0.25, "b", 0.03, false));
        log("random-2", verified(3.50, 3.5385, 0.003, true), generation(1, 0.0, "a", -0.01, true),
                generation(2, 0.0, "b", 0.01, true));
        log("optimizer-1", verified(3.50, 3.6082, 0.0001, true), generation(1, 0.0, "a", 0.01, true),
                generation(2, 0.0, "b", -0.05, false));
        log("optimizer-2", verified(3.50, 3.6100, 0.0002, true), generation(1, 0.0, "a", -0.06, false),
                generation(2, 0.0, "b", -0.07, false));

        String output = summary(dir.resolve("optimizer-1.log"), dir.resolve("optimizer-2.log"),
                dir.resolve("random-1.log"), dir.resolve("random-2.log"));

        assertThat(output)
                .containsPattern("optimizer\\s+1\\s+-3\\.00%\\s+1\\.0e-04\\s+YES\\s+2 of 2\\s+-0\\.0500\\s+0\\.0200\\s+0%")
                .containsPattern("optimizer\\s+2\\s+-3\\.05%\\s+2\\.0e-04\\s+YES\\s+1 of 2\\s+-0\\.0700")
                .containsPattern("random\\s+1\\s+-0\\.99%\\s+0\\.0040\\s+YES\\s+never \\(of 2\\)\\s+-0\\.0100"
                        + "\\s+0\\.0200\\s+8%")
                .contains("optimizer  verified Δ -3.02% [", "over 2 runs; YES in 2")
                .contains("random     verified Δ -1.04% [")
                .containsPattern("optimizer - random: -1\\.98% of the seed's val_bpb \\[-\\d\\.\\d\\d%, -\\d\\.\\d\\d%\\]"
                        + " \\(95%, Welch, .* p = 0\\.0\\d\\d: the optimizer searched better");
    }

    /** The verification's closing lines: the champion's val_bpb against the seed's, paired, with its p. */
    private static List<String> verified(double champion, double seed, double p, boolean improved) {
        SampleStatistics a = new SampleStatistics(3, champion, champion - 0.01, champion + 0.01);
        SampleStatistics b = new SampleStatistics(3, seed, seed - 0.01, seed + 0.01);
        double delta = champion - seed;
        return RunLines.verdict(new VerificationReport("v", "baseline", List.of(1L, 2L, 3L), List.of(
                new MetricComparison("val_bpb", a, b, null,
                        new PairedDifference(3, delta, delta - 0.02, delta + 0.02, 0.995, p))), 0.01, improved,
                List.of(), List.of(3, 5), 0.005));
    }

    private void log(String name, List<String> verdict, GenerationClosed... generations) throws Exception {
        List<String> lines = new ArrayList<>(RunLines.closed(new GenerationClosed("e", 1, "run", Instant.EPOCH, 0,
                List.of(), List.of(), statistics(0), null, null, FLOOR)));
        for (GenerationClosed closed : generations) {
            lines.addAll(RunLines.closed(closed));
        }
        // the verification's own generation closes last: its rates are not the search's
        lines.addAll(RunLines.closed(new GenerationClosed("e", 1, "run", Instant.EPOCH, generations.length + 1,
                List.of(), List.of(), statistics(0.5), null, null, FLOOR)));
        lines.addAll(verdict);
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
        // the summary runs as bench/search-efficiency.sh runs it, with this module's classes and libraries
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                REPOSITORY.resolve("bench/SearchEfficiency.java").toString()));
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
