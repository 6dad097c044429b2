package ai.darwin.events.run;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;

/**
 * Genetic-algorithm settings.
 *
 * @param elites           agents whose programs survive unchanged
 * @param tournamentSize   contestants per tournament for the remaining survivors
 * @param assignmentPolicy who rewrites whose program: {@code others} (never one's own, DARWIN's default),
 *                         {@code self} or {@code random}
 * @param parentSampling   how the survivors beyond the elites are drawn: {@code tournament} (the best of
 *                         {@code tournamentSize} drawn at random) or {@code weighted} (ShinkaEvolve's: each program
 *                         with a weight that grows with its val_bpb advantage over the pool's median in noise floors
 *                         and shrinks with the offspring it already had, so that one lucky result cannot take most
 *                         of them). Absent in older events: tournament.
 */
public record SelectionSpec(int elites, int tournamentSize, String assignmentPolicy, @Nullable String parentSampling) {

    public static final String TOURNAMENT = "tournament";
    public static final String WEIGHTED = "weighted";

    public SelectionSpec {
        Require.atLeast(elites, 0, "elites");
        Require.atLeast(tournamentSize, 1, "tournamentSize");
        Require.text(assignmentPolicy, "assignmentPolicy");
        if (parentSampling != null && !parentSampling.equals(TOURNAMENT) && !parentSampling.equals(WEIGHTED)) {
            throw new IllegalArgumentException("field 'parentSampling' must be tournament or weighted, not '"
                    + parentSampling + "'");
        }
    }

    /** Settings with tournaments (as before parent sampling could be chosen). */
    public SelectionSpec(int elites, int tournamentSize, String assignmentPolicy) {
        this(elites, tournamentSize, assignmentPolicy, null);
    }

    /** Whether the survivors beyond the elites are drawn by weight rather than by tournament. */
    public boolean weighted() {
        return WEIGHTED.equals(parentSampling);
    }
}
