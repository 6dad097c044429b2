package ai.darwin.mutation.prompt;

/**
 * The measured outcomes a prompt shows; {@code darwin.mutation.lessons.source} picks memory-service or none, as it
 * does for lessons.
 */
public interface OutcomesSource {

    /**
     * @param runId            the run
     * @param parentVariantId  the program being rewritten
     * @param mutatorVariantId the rewriting agent's own program, or null when unknown
     * @return what memory measured; {@link Outcomes#NONE} when nothing or when memory cannot answer
     */
    Outcomes outcomes(String runId, String parentVariantId, String mutatorVariantId);
}
