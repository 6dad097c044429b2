package ai.darwin.events.run;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import java.util.ArrayList;
import java.util.List;

/**
 * A training corpus, and the approved corpora that join its training mixture.
 *
 * @param uri        a local file path, {@code file:} URI or {@code http(s):} URL of a text file
 * @param sha256     expected SHA-256 of the file's bytes, checked when present
 * @param tokenizer  the tokenizer; {@code char} (character-level) is the one the harness provides
 * @param validationFraction the fraction held out for validation by the fixed, seeded split
 * @param extraCorpora approved corpora trained on besides this one (never validated on), each for the whole run or
 *                   one agent's lineage; absent in older events, read as empty
 */
public record DatasetSpec(String uri, @Nullable String sha256, String tokenizer, double validationFraction,
                          @Nullable List<ExtraCorpus> extraCorpora) {

    public DatasetSpec {
        Require.text(uri, "uri");
        Require.text(tokenizer, "tokenizer");
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("field 'validationFraction' must be in (0, 1) but was " + validationFraction);
        }
        extraCorpora = extraCorpora == null ? List.of() : Require.list(extraCorpora, "extraCorpora");
    }

    /** A corpus with no approved extras. */
    public DatasetSpec(String uri, @Nullable String sha256, String tokenizer, double validationFraction) {
        this(uri, sha256, tokenizer, validationFraction, List.of());
    }

    /** This corpus with {@code extras} added to its mixture (those already in it are kept, not repeated). */
    public DatasetSpec withExtras(List<ExtraCorpus> extras) {
        List<ExtraCorpus> all = new ArrayList<>(extraCorpora);
        extras.stream().filter(extra -> !all.contains(extra)).forEach(all::add);
        return new DatasetSpec(uri, sha256, tokenizer, validationFraction, all);
    }

    /** @return the extra corpora a variant trained for {@code targetAgentId} trains on */
    public List<ExtraCorpus> extrasFor(String targetAgentId) {
        return extraCorpora.stream().filter(extra -> extra.appliesTo(targetAgentId)).toList();
    }
}
