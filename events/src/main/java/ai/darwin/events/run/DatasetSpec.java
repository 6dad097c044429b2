package ai.darwin.events.run;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;

/**
 * A training corpus.
 *
 * @param uri        a local file path, {@code file:} URI or {@code http(s):} URL of a text file
 * @param sha256     expected SHA-256 of the file's bytes, checked when present
 * @param tokenizer  the tokenizer; {@code char} (character-level) is the one the harness provides
 * @param validationFraction the fraction held out for validation by the fixed, seeded split
 */
public record DatasetSpec(String uri, @Nullable String sha256, String tokenizer, double validationFraction) {

    public DatasetSpec {
        Require.text(uri, "uri");
        Require.text(tokenizer, "tokenizer");
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("field 'validationFraction' must be in (0, 1) but was " + validationFraction);
        }
    }
}
