package ai.darwin.events.generation;

import ai.darwin.events.Require;

/**
 * An agent and the program it carries into the next generation.
 *
 * @param agentId   the agent
 * @param variantId the program it carries
 * @param reason    {@code elite}, {@code tournament} or {@code refill} (a failed agent refilled from a survivor)
 */
public record Survivor(String agentId, String variantId, String reason) {

    public Survivor {
        Require.text(agentId, "agentId");
        Require.text(variantId, "variantId");
        Require.text(reason, "reason");
    }
}
