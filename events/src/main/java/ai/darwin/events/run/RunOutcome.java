package ai.darwin.events.run;

/** Why a run ended. */
public enum RunOutcome {
    /** All G generations closed. */
    GENERATIONS_DONE,
    /** A human stopped it. */
    STOPPED,
    /** The configured number of generations passed without improvement. */
    STAGNATED,
    /** The LLM cost cap was reached. */
    COST_CAP_REACHED,
    /** It could not go on (for example no variant of generation 0 trained). */
    FAILED
}
