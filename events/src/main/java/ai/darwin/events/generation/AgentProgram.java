package ai.darwin.events.generation;

import ai.darwin.events.Require;

/**
 * An agent and the program it carries into a generation (its parent program).
 *
 * @param agentId      stable id of the agent within the run
 * @param variantId    the variant whose program the agent carries
 * @param sourceSha256 SHA-256 of the program's UTF-8 source
 * @param source       the full Java source of the program
 */
public record AgentProgram(String agentId, String variantId, String sourceSha256, String source) {

    public AgentProgram {
        Require.text(agentId, "agentId");
        Require.text(variantId, "variantId");
        Require.text(sourceSha256, "sourceSha256");
        Require.text(source, "source");
    }
}
