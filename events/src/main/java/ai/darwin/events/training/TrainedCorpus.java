package ai.darwin.events.training;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;

/**
 * A corpus a variant trained on.
 *
 * @param uri       where it came from, as the variant named it
 * @param sha256    SHA-256 of the bytes the worker read
 * @param requestId the approval that added it to the mixture; absent for the run's own corpus
 */
public record TrainedCorpus(String uri, String sha256, @Nullable String requestId) {

    public TrainedCorpus {
        Require.text(uri, "uri");
        Require.text(sha256, "sha256");
    }
}
