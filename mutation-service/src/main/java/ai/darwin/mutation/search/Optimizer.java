package ai.darwin.mutation.search;

import ai.darwin.events.Sha256;
import ai.darwin.mutation.offline.KnobSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The learning mutator's choice: of every single knob change the catalogue can make to the parent, minus those
 * whose program the run already proposed, first one that gives the parent a change a measured win made
 * ({@link Recombination}), else the one with the highest expected improvement under a TPE fitted to the run's
 * measured Δs against their controls. Until four measurements completed it explores in the {@link Screening} order.
 * Human guidance that names a knob narrows the candidates first.
 */
public final class Optimizer {

    /**
     * A proposal.
     *
     * @param source    the program
     * @param reasoning what changed, from → to, why it might help and why the optimiser chose it
     */
    public record Choice(String source, String reasoning) {
    }

    /** Knob vectors of measured programs by their text's hash: parsing each once per process is enough. */
    private final Map<String, Map<String, String>> vectors = new ConcurrentHashMap<>();

    /**
     * @param measured  the run's measured programs
     * @param taken     whether a program fingerprint was already proposed in the run (or tried in this session)
     * @param seed      the draw's seed, for exploration and ties
     * @return empty when every candidate was proposed before (or the program has no knob)
     * @throws IllegalArgumentException when the parent does not parse
     */
    public Optional<Choice> choose(String parent, String preset, List<String> guidance,
                                   List<SearchHistory.Measured> measured, Predicate<String> taken, long seed) {
        Map<String, String> parentVector = KnobSpace.vector(parent, preset);
        List<KnobSpace.Option> all = KnobSpace.options(parent, preset);
        Guidance.Applied guided = Guidance.apply(guidance, parentVector, all);
        List<Tpe.Observation> observations = new ArrayList<>();
        List<Recombination.Measured> vectors = new ArrayList<>();
        for (SearchHistory.Measured m : measured) {
            vectorOf(m.source(), preset).ifPresent(v -> {
                observations.add(new Tpe.Observation(v, m.outcome().loss()));
                vectors.add(new Recombination.Measured(m.outcome().variantId(), m.outcome().loss(),
                        m.outcome().control(), v));
            });
        }
        Optional<Choice> adopted = adopt(guided, parentVector, Recombination.wins(vectors), taken);
        if (adopted.isPresent()) {
            return adopted;
        }
        Tpe.Model model = Tpe.fit(observations);
        List<KnobSpace.Option> ranked = rank(guided.options(), model, seed, parentVector);
        boolean followed = guided.line() != null;
        KnobSpace.Option best = firstUntaken(ranked, taken);
        int skipped = best == null ? ranked.size() : ranked.indexOf(best);
        if (best == null && followed) {
            // the guided knob is exhausted: the rest of the catalogue rather than no proposal
            followed = false;
            ranked = rank(all, model, seed, parentVector);
            best = firstUntaken(ranked, taken);
            skipped = best == null ? ranked.size() : ranked.indexOf(best);
        }
        if (best == null) {
            return Optional.empty();
        }
        String why;
        if (model == null) {
            long completed = observations.stream().filter(o -> Double.isFinite(o.loss())).count();
            Screening.Prior prior = Screening.priorOf(best, parentVector);
            why = String.format(Locale.ROOT, "Optimiser exploring: %d of the %d measurements the model needs have "
                    + "completed, so %s", completed, Tpe.STARTUP, prior != null
                    ? "this is the next knob of the screening order for a short fixed budget (schedule, step size "
                    + "and steps per token first, one knob per proposal), moved the way such a budget favours."
                    : String.format(Locale.ROOT, "this change was drawn at random from %d candidates, after the "
                    + "screening order's knobs.", ranked.size()));
        } else {
            double score = model.score(best.vector());
            why = String.format(Locale.ROOT, "Optimiser (TPE over %d measured variants of this run, %d in the best "
                            + "%.0f%% by Δ val_bpb against their controls): of %d candidates, this one has the highest "
                            + "expected improvement, %.2f× that of a flat model (log l/g = %.2f): it lies nearest the "
                            + "knob values of the best variants (mean Δ %+.4f) and farthest from the rest.",
                    observations.size(), model.good().size(), Tpe.GAMMA * 100, ranked.size() - skipped,
                    model.expectedImprovement(score), score,
                    model.good().stream().mapToDouble(Tpe.Observation::loss).average().orElse(0));
        }
        StringBuilder text = new StringBuilder(best.change().fromTo()).append('\n')
                .append(best.change().describe()).append('\n').append(why);
        if (skipped > 0) {
            text.append(' ').append(skipped).append(" better-ranked candidate(s) skipped: the run already "
                    + "proposed their program.");
        }
        if (followed) {
            String line = guided.line().length() <= 200 ? guided.line() : guided.line().substring(0, 197) + "...";
            text.append("\nFollowing the guidance \"").append(line).append("\": ").append(guided.options()
                    .size()).append(" of the candidates change the knob it names.");
        }
        return Optional.of(new Choice(best.source(), text.toString()));
    }

    /**
     * The first option, not proposed yet in the run, that gives the parent a change a measured win made: gains found
     * apart add up before the model spends proposals elsewhere.
     */
    private static Optional<Choice> adopt(Guidance.Applied guided, Map<String, String> parent,
                                         List<Recombination.Win> wins, Predicate<String> taken) {
        for (Recombination.Adoption adoption : Recombination.adoptions(guided.options(), parent, wins)) {
            if (taken.test(ProgramFingerprint.of(adoption.option().source()))) {
                continue;
            }
            Recombination.Win win = adoption.win();
            StringBuilder text = new StringBuilder(adoption.option().change().fromTo()).append('\n')
                    .append(adoption.option().change().describe()).append('\n')
                    .append(String.format(Locale.ROOT, "Optimiser combining measured wins: %s set %s and trained "
                                    + "%+.4f val_bpb against its generation's control, beyond the run's noise floor; "
                                    + "this parent does not have that change yet, so it takes it, alone, to see "
                                    + "whether the gains add up.", win.variantId(), String.join(", ", win.changes()),
                            win.loss()));
            if (guided.line() != null) {
                text.append("\nFollowing the guidance \"").append(guided.line()).append("\".");
            }
            return Optional.of(new Choice(adoption.option().source(), text.toString()));
        }
        return Optional.empty();
    }

    /** Best first by the model (in the screening order without one); equal scores in the draw's order. */
    private static List<KnobSpace.Option> rank(List<KnobSpace.Option> options, Tpe.Model model, long seed,
                                               Map<String, String> parent) {
        if (model == null) {
            return Screening.rank(options, parent, seed);
        }
        List<KnobSpace.Option> ranked = new ArrayList<>(options);
        Collections.shuffle(ranked, new Random(seed));
        Map<KnobSpace.Option, Double> scores = new IdentityHashMap<>();
        ranked.forEach(o -> scores.put(o, model.score(o.vector())));
        ranked.sort(Comparator.comparingDouble(scores::get).reversed());
        return ranked;
    }

    /** The best candidate whose program the run has not proposed yet (a fingerprint costs a parse: best first). */
    private static KnobSpace.Option firstUntaken(List<KnobSpace.Option> ranked, Predicate<String> taken) {
        return ranked.stream().filter(o -> !taken.test(ProgramFingerprint.of(o.source()))).findFirst().orElse(null);
    }

    private Optional<Map<String, String>> vectorOf(String source, String preset) {
        String key = Sha256.of(source) + "/" + preset;
        Map<String, String> vector = vectors.get(key);
        if (vector == null) {
            try {
                vector = KnobSpace.vector(source, preset);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            vectors.put(key, vector);
        }
        return Optional.of(vector);
    }

    /** For tests: the fingerprints of every candidate of a parent. */
    static Set<String> candidateFingerprints(String parent, String preset) {
        return Set.copyOf(KnobSpace.options(parent, preset).stream().map(o -> ProgramFingerprint.of(o.source()))
                .toList());
    }
}
