package ai.darwin.training.harness.hostile;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessReport;
import ai.darwin.training.harness.HarnessRunner;
import ai.darwin.training.harness.Metrics;
import ai.darwin.training.harness.SplitProgram;
import ai.darwin.training.harness.compile.ApiGrants;
import ai.darwin.training.harness.compile.ProgramSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Programs of two files: the honest tiny seed split in two trains and scores exactly as the one file, and every
 * attack of the catalogue that the bytecode check must refuse is refused the same way when its model classes live in
 * a second file (the attacks that fail at run time fail in code that does not care which file it came from).
 */
class SplitProgramsTest {

    private static HarnessReport run(ProgramSource program) {
        return HarnessRunner.runSource(program, ApiGrants.NONE, Attacks.config(), point -> { }, null);
    }

    @Test
    void theSeedSplitInTwoTrainsAndScoresExactlyAsTheOneFile() {
        Metrics single = HarnessRunner.runSource(Attacks.honest(), Attacks.config(), point -> { }).metrics();
        HarnessReport split = run(SplitProgram.of(Attacks.honest()));

        assertThat(split.failure()).isNull();
        assertThat(split.metrics().valBitsPerByte()).isEqualTo(single.valBitsPerByte());
        assertThat(split.metrics().tokensTrained()).isEqualTo(single.tokensTrained());
        assertThat(split.metrics().parameters()).isEqualTo(single.parameters());
        assertThat(split.metrics().finalTrainLoss()).isEqualTo(single.finalTrainLoss());
    }

    static List<Attacks.Attack> refusedAttacks() {
        return Attacks.all().stream().filter(attack -> attack.outcome() instanceof Attacks.Fails fails
                && fails.failureClass() == FailureClass.FORBIDDEN_API).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAttacks")
    void anAttackSplitInTwoFailsAsInOneFile(Attacks.Attack attack) {
        Attacks.Fails fails = (Attacks.Fails) attack.outcome();

        HarnessReport report = run(SplitProgram.of(attack.source()));

        assertThat(report.failure()).as("%s should fail", attack.name()).isNotNull();
        assertThat(report.failure().failureClass()).as(report.failure().message()).isEqualTo(fails.failureClass());
        assertThat(report.failure().message()).contains(fails.messagePart());
    }

    @Test
    void theCatalogueRefusesEnoughAttacksToMeanSomething() {
        assertThat(refusedAttacks()).hasSizeGreaterThanOrEqualTo(8);
    }
}
