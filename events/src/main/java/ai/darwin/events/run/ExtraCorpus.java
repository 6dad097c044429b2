package ai.darwin.events.run;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;

/**
 * A corpus a human approved (a MORE_DATA request) to join the training mixture. It is trained on, never validated
 * on: every variant is still scored on the held-out split of the run's own corpus, so scores stay comparable.
 *
 * @param uri       a local file path, {@code file:} URI or {@code http(s):} URL of a UTF-8 text file; it must pass
 *                  the dataset allow-list, checked again by every worker that reads it
 * @param sha256    SHA-256 of the file's bytes, recorded when it was approved; a worker refuses a file that differs
 * @param weight    how many times its text appears in the training stream (1 or more)
 * @param agentId   the agent whose lineage trains on it; absent: every variant of the run
 * @param requestId the approval request that granted it
 */
public record ExtraCorpus(String uri, String sha256, int weight, @Nullable String agentId, String requestId) {

    /** The most a corpus may be repeated: more would let one small file crowd out the run's own corpus. */
    public static final int MAX_WEIGHT = 16;

    public ExtraCorpus {
        Require.text(uri, "uri");
        Require.text(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("field 'sha256' must be 64 lower-case hex digits but was " + sha256);
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("field 'weight' must be in [1, " + MAX_WEIGHT + "] but was " + weight);
        }
        if (agentId != null) {
            Require.text(agentId, "agentId");
        }
        Require.text(requestId, "requestId");
    }

    /** @return whether a variant that trains for {@code targetAgentId} trains on it */
    public boolean appliesTo(String targetAgentId) {
        return agentId == null || agentId.equals(targetAgentId);
    }
}
