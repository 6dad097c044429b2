package ai.darwin.selection.ga;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.generation.Survivor;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.SelectionSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionTest {

    private final Fitness fitness = Fitness.of(new FitnessSpec("lexicographic", List.of("val_bpb"), Map.of()));

    @Test
    void theEliteKeepsItsProgramAndFailedAgentsAreRefilledFromSurvivors() {
        Candidate best = Metrics.candidate("v-a1", "agent-1", 1.2, 0);
        Candidate worse = Metrics.candidate("v-a2", "agent-2", 1.8, 0);
        List<Survivor> survivors = Selection.survivors(List.of("agent-1", "agent-2", "agent-3"),
                Map.of("agent-1", best, "agent-2", worse), List.of(best, worse), Set.of(),
                new SelectionSpec(1, 2, "others"), fitness, new Random(1));

        assertThat(survivors).extracting(Survivor::agentId).containsExactly("agent-1", "agent-2", "agent-3");
        assertThat(survivors.get(0)).isEqualTo(new Survivor("agent-1", "v-a1", "elite"));
        assertThat(survivors.get(1).reason()).isEqualTo("tournament");
        assertThat(survivors.get(2).reason()).isEqualTo("refill");
        assertThat(survivors).extracting(Survivor::variantId).allMatch(v -> v.equals("v-a1") || v.equals("v-a2"));
    }

    @Test
    void theBestProgramOfThePoolAlwaysSurvivesEvenWhenItsAgentsNewVariantIsWorse() {
        Candidate parent = Metrics.candidate("v-parent", "agent-1", 1.1, 0);
        Candidate child = Metrics.candidate("v-child", "agent-1", 1.9, 0);
        List<Survivor> survivors = Selection.survivors(List.of("agent-1", "agent-2"), Map.of("agent-1", child),
                List.of(child, parent), Set.of(), new SelectionSpec(1, 2, "others"), fitness, new Random(3));
        assertThat(survivors).extracting(Survivor::variantId).contains("v-parent");
    }

    @Test
    void aPromotedVariantSurvivesWhateverItsFitness() {
        Candidate good = Metrics.candidate("good", "agent-1", 1.0, 0);
        Candidate poor = Metrics.candidate("poor", "agent-2", 3.0, 0);
        List<Survivor> survivors = Selection.survivors(List.of("agent-1", "agent-2"),
                Map.of("agent-1", good, "agent-2", poor), List.of(good, poor), Set.of("poor"),
                new SelectionSpec(1, 2, "others"), fitness, new Random(5));
        assertThat(survivors).contains(new Survivor("agent-2", "poor", "promoted"));
        assertThat(survivors).contains(new Survivor("agent-1", "good", "elite"));
    }

    @Test
    void othersPolicyNeverAssignsAnAgentItsOwnProgram() {
        for (int seed = 0; seed < 200; seed++) {
            int[] targets = AssignmentPolicy.targets("others", 5, new Random(seed));
            for (int i = 0; i < targets.length; i++) {
                assertThat(targets[i]).isNotEqualTo(i);
            }
            assertThat(java.util.Arrays.stream(targets).distinct().count()).isEqualTo(5);
        }
    }
}
