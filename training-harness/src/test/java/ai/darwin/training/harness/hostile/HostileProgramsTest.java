package ai.darwin.training.harness.hostile;

import ai.darwin.training.harness.HarnessReport;
import ai.darwin.training.harness.HarnessRunner;
import ai.darwin.training.harness.Metrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every attack of the catalogue, compiled and run by the harness as a worker's child would run it: each ends as a
 * classified failure or scores no better than the honest program at the same budget.
 */
class HostileProgramsTest {

    private static Metrics honest;

    @BeforeAll
    static void trainTheHonestProgram() {
        HarnessReport report = HarnessRunner.runSource(Attacks.honest(), Attacks.config(), point -> { });
        assertThat(report.failure()).isNull();
        honest = report.metrics();
    }

    static List<Attacks.Attack> attacks() {
        return Attacks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void endsAsAFailureOrScoresNoBetterThanTheHonestProgram(Attacks.Attack attack) {
        HarnessReport report = HarnessRunner.runSource(attack.source(), Attacks.config(), point -> { });

        if (attack.outcome() instanceof Attacks.Fails fails) {
            assertThat(report.failure()).as("%s should fail", attack.name()).isNotNull();
            assertThat(report.failure().failureClass()).as(report.failure().message())
                    .isEqualTo(fails.failureClass());
            assertThat(report.failure().message()).contains(fails.messagePart());
        } else {
            assertThat(report.failure()).as("%s", attack.name()).isNull();
            assertThat(report.metrics().valBitsPerByte()).as("%s against the honest %s", attack.name(),
                    honest.valBitsPerByte()).isGreaterThanOrEqualTo(honest.valBitsPerByte() - 1e-9);
            assertThat(report.integrityFlags()).isEmpty();
        }
        assertThat(report.failure() == null ? "" : report.failure().message()).hasSizeLessThanOrEqualTo(4000);
        assertThat(report.failure() == null ? "" : report.failure().detail()).hasSizeLessThanOrEqualTo(8000);
    }

    @Test
    void unusedParametersAndAnInflatedCardBuyNoMfu() {
        Attacks.Attack inflating = Attacks.all().stream().filter(a -> a.name().contains("inflate MFU")).findFirst()
                .orElseThrow();

        Metrics metrics = HarnessRunner.runSource(inflating.source(), Attacks.config(), point -> { }).metrics();

        assertThat(metrics.parameters()).isEqualTo(honest.parameters());
        assertThat(metrics.flopsPerToken()).isLessThanOrEqualTo(1.2 * honest.flopsPerToken());
    }

    @Test
    void trainingAfterTheClockStopsIsNotEvaluated() {
        Attacks.Attack late = Attacks.all().stream().filter(a -> a.name().contains("after the clock")).findFirst()
                .orElseThrow();

        Metrics metrics = HarnessRunner.runSource(late.source(), Attacks.config(), point -> { }).metrics();

        // it trained exactly as the honest program did; what it would have done in logits() never happened
        assertThat(metrics.valBitsPerByte()).isEqualTo(honest.valBitsPerByte());
        assertThat(metrics.tokensTrained()).isEqualTo(honest.tokensTrained());
    }
}
