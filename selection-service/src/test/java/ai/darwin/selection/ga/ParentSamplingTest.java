package ai.darwin.selection.ga;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.generation.Survivor;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.SelectionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParentSamplingTest {

    static final NoiseFloor FLOOR = new NoiseFloor(3, 0.05, null, null, null);
    static final Fitness FITNESS = Fitness.of(new FitnessSpec("lexicographic", List.of("val_bpb"), Map.of()), FLOOR);
    static final List<String> AGENTS = List.of("agent-1", "agent-2", "agent-3", "agent-4", "agent-5", "agent-6");

    /** Six programs within one noise floor of each other; "a-lucky" measured best, by luck. */
    static List<Candidate> tiedPool() {
        double[] bpb = {1.99, 2.00, 2.005, 2.01, 1.995, 2.02};
        String[] ids = {"a-lucky", "b", "c", "d", "e", "f"};
        List<Candidate> pool = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            pool.add(Metrics.candidate(ids[i], AGENTS.get(i), bpb[i], 0));
        }
        return pool;
    }

    /** The share of all survivor slots that one variant takes over five generations of the same pool, 100 runs. */
    static double share(String variantId, List<Candidate> pool, SelectionSpec spec) {
        int taken = 0;
        int slots = 0;
        for (int run = 0; run < 100; run++) {
            Map<String, Integer> children = new HashMap<>();
            for (int generation = 0; generation < 5; generation++) {
                Map<String, Candidate> own = new LinkedHashMap<>();
                pool.forEach(c -> own.put(c.agentId(), c));
                List<Survivor> survivors = Selection.survivors(AGENTS, own, pool, Set.of(), spec, FITNESS, children,
                        new Random(run * 131L + generation));
                for (Survivor survivor : survivors) {
                    children.merge(survivor.variantId(), 1, Integer::sum);
                    slots++;
                    taken += survivor.variantId().equals(variantId) ? 1 : 0;
                }
            }
        }
        return (double) taken / slots;
    }

    @Test
    void aLuckyResultWithinTheNoiseTakesMostOffspringByTournamentButNotByWeightedSampling() {
        double tournament = share("a-lucky", tiedPool(), new SelectionSpec(1, 3, "others", "tournament"));
        double weighted = share("a-lucky", tiedPool(), new SelectionSpec(1, 3, "others", "weighted"));
        assertThat(tournament).isGreaterThan(0.5);
        // its fair share is 1/6 of the draws plus the elite's slot: (1 + 5/6) / 6 = 0.31
        assertThat(weighted).isLessThan(0.35);
    }

    @Test
    void aProgramBetterByFourNoiseFloorsStillTakesTheLargestShareOfTheDraws() {
        List<Candidate> pool = tiedPool();
        pool.set(5, Metrics.candidate("f", "agent-6", 1.80, 0));
        SelectionSpec weighted = new SelectionSpec(1, 3, "others", "weighted");
        double better = share("f", pool, weighted);
        for (String other : List.of("a-lucky", "b", "c", "d", "e")) {
            assertThat(better).as(other).isGreaterThan(share(other, pool, weighted));
        }
        assertThat(better).isGreaterThan(0.3);
    }

    @Test
    void weightFallsWithOffspringAndRisesWithTheAdvantageInNoiseFloors() {
        List<Candidate> pool = List.of(Metrics.candidate("x", "agent-1", 2.0, 0),
                Metrics.candidate("y", "agent-2", 2.0, 0), Metrics.candidate("z", "agent-3", 1.9, 0));
        double[] fresh = ParentSampling.weights(pool, Map.of(), 0.05);
        assertThat(fresh[0]).isEqualTo(fresh[1]).isEqualTo(0.5);
        assertThat(fresh[2]).isGreaterThan(0.85);
        double[] used = ParentSampling.weights(pool, Map.of("x", 1, "z", 3), 0.05);
        assertThat(used[0]).isEqualTo(0.25);
        assertThat(used[2]).isEqualTo(fresh[2] / 4);
    }

    @Test
    void weightedSamplingIsReproducibleFromTheSeedAndSaysSo() {
        List<Candidate> pool = tiedPool();
        Map<String, Candidate> own = Map.of("agent-1", pool.get(0), "agent-2", pool.get(1));
        SelectionSpec spec = new SelectionSpec(1, 3, "others", "weighted");
        List<Survivor> first = Selection.survivors(AGENTS, own, pool, Set.of(), spec, FITNESS, Map.of(),
                new Random(9));
        assertThat(Selection.survivors(AGENTS, own, pool, Set.of(), spec, FITNESS, Map.of(), new Random(9)))
                .isEqualTo(first);
        assertThat(first).extracting(Survivor::reason).contains("elite", "weighted", "refill");
    }
}
