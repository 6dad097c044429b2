package ai.darwin.mutation.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TpeTest {

    static Tpe.Observation at(double lr, String activation, double loss) {
        return new Tpe.Observation(Map.of("LR", Double.toString(lr), "activation", activation), loss);
    }

    @Test
    void withFewerThanFourCompletedMeasurementsThereIsNoModel() {
        assertThat(Tpe.fit(List.of(at(1e-3, "GELU", 0), at(2e-3, "GELU", 0.1), at(3e-3, "GELU", 0.2),
                at(1e-4, "GELU", Double.POSITIVE_INFINITY)))).isNull();
    }

    @Test
    void aNumberNearTheBestMeasurementsScoresAboveOneNearTheWorst() {
        Tpe.Model model = Tpe.fit(List.of(at(5e-4, "GELU", -0.05), at(1e-3, "GELU", 0), at(2e-3, "GELU", 0.04),
                at(3e-3, "GELU", 0.08), at(4e-3, "GELU", 0.1), at(8e-3, "GELU", 0.3), at(6e-4, "GELU", -0.04)));
        assertThat(model.good()).hasSize(2);
        double low = model.score(Map.of("LR", "5.5E-4", "activation", "GELU"));
        double high = model.score(Map.of("LR", "5.0E-3", "activation", "GELU"));
        assertThat(low).isPositive().isGreaterThan(high);
        assertThat(high).isNegative();
        assertThat(model.expectedImprovement(low)).isGreaterThan(1).isGreaterThan(model.expectedImprovement(high));
    }

    @Test
    void aNameThatOnlyTheBestHadScoresAboveTheOthersAndFailuresCountAsBad() {
        Tpe.Model model = Tpe.fit(List.of(at(1e-3, "squared ReLU", -0.05), at(1e-3, "GELU", 0),
                at(1e-3, "GELU", 0.02), at(1e-3, "Mish", 0.03), at(1e-3, "SiLU", Double.POSITIVE_INFINITY)));
        assertThat(model.bad()).anyMatch(o -> o.vector().get("activation").equals("SiLU"));
        double squared = model.score(Map.of("LR", "0.001", "activation", "squared ReLU"));
        assertThat(squared).isGreaterThan(model.score(Map.of("LR", "0.001", "activation", "GELU")))
                .isGreaterThan(model.score(Map.of("LR", "0.001", "activation", "SiLU")));
    }

    @Test
    void aKnobThatNeverVariedLeavesTheScoreFlat() {
        Tpe.Model model = Tpe.fit(List.of(at(1e-3, "GELU", -0.05), at(1e-3, "GELU", 0), at(1e-3, "GELU", 0.02),
                at(1e-3, "GELU", 0.03)));
        assertThat(model.score(Map.of("LR", "0.001", "activation", "GELU"))).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
