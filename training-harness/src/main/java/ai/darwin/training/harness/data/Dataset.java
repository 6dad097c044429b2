package ai.darwin.training.harness.data;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A loaded, tokenized and split corpus, with the approved extra corpora of its training mixture.
 *
 * @param corpus    the text and its checksum
 * @param tokenizer the character vocabulary of the corpus's whole text
 * @param split     training tokens (the corpus's own, then the extras') and the corpus's validation tokens
 */
public record Dataset(Corpus corpus, CharTokenizer tokenizer, TokenSplit split) {

    public static Dataset load(CorpusSource source, double validationFraction) throws IOException {
        return load(source, validationFraction, List.of());
    }

    /**
     * The corpus split as always, with the extras appended to its training tokens only. The vocabulary and the
     * validation tokens are the corpus's own, whatever the extras hold, so a variant trained on a mixture is scored
     * exactly as one trained without it; an extra's characters outside that vocabulary are left out, since no model
     * of the run can predict them.
     */
    public static Dataset load(CorpusSource source, double validationFraction, List<ExtraSource> extras)
            throws IOException {
        Corpus corpus = Corpus.load(source);
        CharTokenizer tokenizer = CharTokenizer.of(corpus.text());
        TokenSplit split = TokenSplit.of(tokenizer.encode(corpus.text()), validationFraction);
        int[] train = split.train();
        for (ExtraSource extra : extras) {
            int[] tokens = tokenizer.encodeKnown(Corpus.load(extra.source()).text());
            int start = train.length;
            train = Arrays.copyOf(train, Math.addExact(start, Math.multiplyExact(tokens.length, extra.weight())));
            for (int i = 0; i < extra.weight(); i++) {
                System.arraycopy(tokens, 0, train, start + i * tokens.length, tokens.length);
            }
        }
        return new Dataset(corpus, tokenizer, new TokenSplit(train, split.validation()));
    }
}
