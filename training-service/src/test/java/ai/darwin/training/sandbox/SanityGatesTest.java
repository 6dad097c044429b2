package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.IntegrityGate;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.training.TestPrograms;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.data.CorpusSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker re-checks a child's result: a child that reports no flag for a forged score is still held. */
class SanityGatesTest {

    private static final HarnessConfig CONFIG = HarnessConfig.of(CorpusSource.of(TestPrograms.shakespeare().toString()),
            1000, 0);

    private static TrainingMetrics metrics(double valBpb, long tokens, double tokensPerSecond, double mfu) {
        return new TrainingMetrics(valBpb * Math.log(2), valBpb, 2.0, 2.0, tokens, 10, tokensPerSecond, 800_000,
                5e6, 1e11, mfu, 1 << 30, 10, 12, "cpu");
    }

    @Test
    void aForgedScoreTheChildDidNotFlagIsHeldByTheWorkersOwnFloor() {
        SanityGates gates = new SanityGates();

        List<IntegrityFlag> flags = gates.check(List.of(), metrics(0.0, 768, 7000, 0.35), CONFIG);

        assertThat(flags).extracting(IntegrityFlag::gate).containsExactly(IntegrityGate.VAL_BPB_BELOW_FLOOR);
        assertThat(gates.floor(CONFIG)).as("a quarter of DEFLATE's bits per byte on tiny Shakespeare")
                .isBetween(0.5, 1.0);
    }

    @Test
    void anHonestResultIsNotFlaggedAndTheChildsFlagsAreKeptOnce() {
        SanityGates gates = new SanityGates();

        assertThat(gates.check(List.of(), metrics(3.5, 768, 7000, 0.35), CONFIG)).isEmpty();
        List<IntegrityFlag> flags = gates.check(List.of(new IntegrityFlag(IntegrityGate.MFU_ABOVE_PEAK,
                "x".repeat(10_000))), metrics(3.5, 0, 1e9, 50), CONFIG);
        assertThat(flags).extracting(IntegrityFlag::gate)
                .containsExactly(IntegrityGate.NO_TOKENS_TRAINED, IntegrityGate.MFU_ABOVE_PEAK);
        assertThat(flags).allSatisfy(flag -> assertThat(flag.detail()).hasSizeLessThan(600));
    }
}
