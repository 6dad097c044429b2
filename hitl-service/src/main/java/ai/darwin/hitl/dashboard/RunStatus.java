package ai.darwin.hitl.dashboard;

/** Where a run stands, as its lifecycle events tell it. */
public enum RunStatus {
    /** Asked for; selection-service has not started it yet. */
    REQUESTED,
    RUNNING,
    /** No new generation opens until it is resumed. */
    PAUSED,
    /** A stop was asked: the current generation closes, then the run completes. */
    STOPPING,
    COMPLETED
}
