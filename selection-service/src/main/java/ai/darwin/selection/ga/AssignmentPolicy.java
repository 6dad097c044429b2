package ai.darwin.selection.ga;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Who rewrites whose program: DARWIN's agents modify one another's code. */
public final class AssignmentPolicy {

    private AssignmentPolicy() {
    }

    /**
     * @param policy  {@code others} (never one's own program: a random derangement), {@code self}, or
     *                {@code random} (anyone's, one's own included)
     * @param agents  number of agents
     * @return for each mutating agent i, the index of the agent whose program it rewrites
     */
    public static int[] targets(String policy, int agents, Random random) {
        int[] targets = new int[agents];
        switch (policy) {
            case "self" -> {
                for (int i = 0; i < agents; i++) {
                    targets[i] = i;
                }
            }
            case "random" -> {
                for (int i = 0; i < agents; i++) {
                    targets[i] = random.nextInt(agents);
                }
            }
            case "others" -> {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < agents; i++) {
                    order.add(i);
                }
                // a random cyclic shift of a random order is a derangement: nobody gets their own program
                Collections.shuffle(order, random);
                for (int i = 0; i < agents; i++) {
                    targets[order.get(i)] = order.get((i + 1) % agents);
                }
            }
            default -> throw new IllegalArgumentException(
                    "assignment policy must be others, self or random, not '" + policy + "'");
        }
        return targets;
    }
}
