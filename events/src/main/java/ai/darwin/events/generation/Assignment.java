package ai.darwin.events.generation;

import ai.darwin.events.Require;

/**
 * One unit of work of a generation: who changes whose program, or a program trained unchanged.
 *
 * @param assignmentId   unique id; the variant proposed for it carries it
 * @param kind           what is to be done
 * @param mutatorAgentId the agent that rewrites (for BASELINE and VERIFY: the owner of the program)
 * @param targetAgentId  the agent whose program is rewritten, and who owns the result
 * @param parentVariantId the variant whose program is the starting point
 * @param trainingSeed   the seed the resulting variant is trained with
 */
public record Assignment(String assignmentId, AssignmentKind kind, String mutatorAgentId, String targetAgentId,
                         String parentVariantId, long trainingSeed) {

    public Assignment {
        Require.text(assignmentId, "assignmentId");
        Require.present(kind, "kind");
        Require.text(mutatorAgentId, "mutatorAgentId");
        Require.text(targetAgentId, "targetAgentId");
        Require.text(parentVariantId, "parentVariantId");
    }
}
