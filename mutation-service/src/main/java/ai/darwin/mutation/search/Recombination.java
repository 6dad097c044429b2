package ai.darwin.mutation.search;

import ai.darwin.mutation.offline.KnobSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Measured wins carried into other programs: a program that beat its generation's control beyond the run's noise
 * floor changed some knobs of the seed program; a parent that does not have one of those changes yet can take it,
 * one change at a time, so that gains found on separate lineages add up (a genetic algorithm's recombination, made
 * of single changes whose effect each was measured). A single-change search whose proposals all start from the seed's
 * values otherwise keeps re-finding each win on its own, and a run of three generations never combines two.
 */
final class Recombination {

    /**
     * A win and the knobs it changed.
     *
     * @param variantId the winning variant
     * @param loss      its Δ val_bpb against its control (below 0)
     * @param vector    its knob vector
     * @param changes   the knobs where it differs from the seed program
     */
    record Win(String variantId, double loss, Map<String, String> vector, List<String> changes) {
    }

    /**
     * An option that takes a win's change.
     *
     * @param option the option
     * @param win    the win it takes from
     */
    record Adoption(KnobSpace.Option option, Win win) {
    }

    private Recombination() {
    }

    /**
     * @param measured each measured program's vector and outcome; controls (the seed program) give the baseline
     * @return the run's wins, best first; none while no control was measured
     */
    static List<Win> wins(List<Measured> measured) {
        Optional<Map<String, String>> baseline = measured.stream().filter(Measured::control)
                .map(Measured::vector).findFirst();
        if (baseline.isEmpty()) {
            return List.of();
        }
        List<Win> wins = new ArrayList<>();
        for (Measured m : measured) {
            if (!m.control() && Double.isFinite(m.loss()) && m.loss() < 0) {
                List<String> changes = changed(m.vector(), baseline.get());
                if (!changes.isEmpty()) {
                    wins.add(new Win(m.variantId(), m.loss(), m.vector(), changes));
                }
            }
        }
        wins.sort(Comparator.comparingDouble(Win::loss));
        return wins;
    }

    /**
     * The options that set knobs, which the parent has otherwise, to a win's values, best win first.
     */
    static List<Adoption> adoptions(List<KnobSpace.Option> options, Map<String, String> parent, List<Win> wins) {
        List<Adoption> adoptions = new ArrayList<>();
        for (Win win : wins) {
            for (KnobSpace.Option option : options) {
                List<String> changed = changed(option.vector(), parent);
                boolean takesIt = !changed.isEmpty() && win.changes().containsAll(changed)
                        && changed.stream().allMatch(k -> Objects.equals(option.vector().get(k), win.vector().get(k)));
                if (takesIt && adoptions.stream().noneMatch(a -> a.option() == option)) {
                    adoptions.add(new Adoption(option, win));
                }
            }
        }
        return adoptions;
    }

    /** The knobs whose values differ between two vectors, in name order. */
    static List<String> changed(Map<String, String> vector, Map<String, String> from) {
        return vector.keySet().stream().sorted().filter(k -> !Objects.equals(vector.get(k), from.get(k))).toList();
    }

    /**
     * A measured program as recombination sees it.
     *
     * @param variantId the variant
     * @param loss      its Δ val_bpb against its control
     * @param control   whether it is a generation's control (the unmodified seed program)
     * @param vector    its knob vector
     */
    record Measured(String variantId, double loss, boolean control, Map<String, String> vector) {
    }
}
