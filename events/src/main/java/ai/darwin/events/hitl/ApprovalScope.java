package ai.darwin.events.hitl;

/** Whom an approved change applies to. */
public enum ApprovalScope {
    /** Every variant of the run. */
    RUN,
    /** Only the requesting agent's lineage: the variants trained for that agent. */
    LINEAGE
}
