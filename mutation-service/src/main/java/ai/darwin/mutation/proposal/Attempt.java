package ai.darwin.mutation.proposal;

import ai.darwin.events.Nullable;
import java.util.List;

/**
 * One try of a mutator.
 *
 * @param source    the program it produced, or null when it produced none (an edit did not apply, no answer)
 * @param reasoning its explanation
 * @param problems  why it produced no program (empty when it did: validation comes next)
 * @param upgrades  what it asked humans for
 */
public record Attempt(@Nullable String source, String reasoning, List<String> problems, List<UpgradeRequest> upgrades) {

    public Attempt {
        problems = List.copyOf(problems);
        upgrades = List.copyOf(upgrades);
    }

    public static Attempt of(String source, String reasoning, List<UpgradeRequest> upgrades) {
        return new Attempt(source, reasoning, List.of(), upgrades);
    }

    public static Attempt failed(String reasoning, List<String> problems, List<UpgradeRequest> upgrades) {
        return new Attempt(null, reasoning, problems, upgrades);
    }
}
