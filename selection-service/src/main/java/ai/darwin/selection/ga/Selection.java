package ai.darwin.selection.ga;

import ai.darwin.events.generation.Survivor;
import ai.darwin.events.run.SelectionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Elitism plus tournament, or elitism plus {@link ParentSampling} when the run asks for weighted sampling. The pool is every program that trained this generation and every program the agents
 * carried into it, so a generation can never lose the best program found so far. Each agent whose own new
 * program is among the elites keeps it; the other agents take a tournament winner; an agent whose variant
 * failed is refilled from the survivors that way too.
 */
public final class Selection {

    private Selection() {
    }

    /**
     * @param agentIds       the agents, in order
     * @param ownVariant     each agent's variant of this generation, if it trained
     * @param pool           every program that can survive
     * @param promoted       variants a human forced to survive
     * @param spec           elites and tournament size
     * @param fitness        the ranking
     * @param random         seeded per run and generation
     */
    public static List<Survivor> survivors(List<String> agentIds, Map<String, Candidate> ownVariant,
                                           List<Candidate> pool, Set<String> promoted, SelectionSpec spec,
                                           Fitness fitness, Random random) {
        return survivors(agentIds, ownVariant, pool, promoted, spec, fitness, Map.of(), random);
    }

    /**
     * @param children offspring each variant already had in the run (for weighted sampling)
     */
    public static List<Survivor> survivors(List<String> agentIds, Map<String, Candidate> ownVariant,
                                           List<Candidate> pool, Set<String> promoted, SelectionSpec spec,
                                           Fitness fitness, Map<String, Integer> children, Random random) {
        List<Candidate> ranked = fitness.bestFirst(pool);
        Map<String, Survivor> chosen = new LinkedHashMap<>();

        List<Candidate> forced = ranked.stream().filter(c -> promoted.contains(c.variantId())).toList();
        List<String> free = new ArrayList<>(agentIds);
        for (Candidate candidate : forced) {
            if (free.isEmpty()) {
                break;
            }
            String agent = free.contains(candidate.agentId()) ? candidate.agentId() : free.get(0);
            chosen.put(agent, new Survivor(agent, candidate.variantId(), "promoted"));
            free.remove(agent);
        }

        List<Candidate> elites = ranked.stream().limit(spec.elites()).toList();
        for (Candidate elite : elites) {
            String agent = elite.agentId();
            if (free.contains(agent) && ownVariant.containsKey(agent)
                    && ownVariant.get(agent).variantId().equals(elite.variantId())) {
                chosen.put(agent, new Survivor(agent, elite.variantId(), "elite"));
                free.remove(agent);
            }
        }
        for (Candidate elite : elites) {
            if (free.isEmpty() || chosen.values().stream().anyMatch(s -> s.variantId().equals(elite.variantId()))) {
                continue;
            }
            String agent = free.remove(0);
            chosen.put(agent, new Survivor(agent, elite.variantId(), "elite"));
        }

        Map<String, Integer> offspring = new HashMap<>(children);
        for (String agent : List.copyOf(free)) {
            Candidate winner = spec.weighted() ? ParentSampling.draw(ranked, offspring, fitness.valBpbFloor(), random)
                    : tournament(ranked, spec.tournamentSize(), random);
            String reason = !ownVariant.containsKey(agent) ? "refill" : spec.weighted() ? "weighted" : "tournament";
            chosen.put(agent, new Survivor(agent, winner.variantId(), reason));
        }
        return agentIds.stream().map(chosen::get).toList();
    }

    /** The best of a few drawn at random: the one with the best place in the ranking. */
    private static Candidate tournament(List<Candidate> ranked, int size, Random random) {
        int best = ranked.size();
        for (int i = 0; i < Math.min(size, ranked.size()); i++) {
            best = Math.min(best, random.nextInt(ranked.size()));
        }
        return ranked.get(best);
    }
}
