package ai.darwin.training.harness.data;

import java.util.Objects;

/**
 * An approved corpus that joins the training mixture: trained on, never validated on.
 *
 * @param source where it is, with the SHA-256 it must have (required: an extra corpus is never read unchecked)
 * @param weight how many times its text appears in the training stream (1 or more)
 */
public record ExtraSource(CorpusSource source, int weight) {

    public ExtraSource {
        Objects.requireNonNull(source, "source");
        if (source.sha256() == null) {
            throw new IllegalArgumentException("extra corpus " + source.uri() + " needs its sha256");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("an extra corpus's weight must be >= 1 but was " + weight);
        }
    }
}
