package ai.darwin.events.run;

import ai.darwin.events.Require;

/**
 * Genetic-algorithm settings.
 *
 * @param elites           agents whose programs survive unchanged
 * @param tournamentSize   contestants per tournament for the remaining survivors
 * @param assignmentPolicy who rewrites whose program: {@code others} (never one's own, DARWIN's default),
 *                         {@code self} or {@code random}
 */
public record SelectionSpec(int elites, int tournamentSize, String assignmentPolicy) {

    public SelectionSpec {
        Require.atLeast(elites, 0, "elites");
        Require.atLeast(tournamentSize, 1, "tournamentSize");
        Require.text(assignmentPolicy, "assignmentPolicy");
    }
}
