package ai.darwin.training.harness.data;

import java.io.IOException;

/**
 * A loaded, tokenized and split corpus.
 *
 * @param corpus    the text and its checksum
 * @param tokenizer the character vocabulary of the whole text
 * @param split     training and validation tokens
 */
public record Dataset(Corpus corpus, CharTokenizer tokenizer, TokenSplit split) {

    public static Dataset load(CorpusSource source, double validationFraction) throws IOException {
        Corpus corpus = Corpus.load(source);
        CharTokenizer tokenizer = CharTokenizer.of(corpus.text());
        return new Dataset(corpus, tokenizer, TokenSplit.of(tokenizer.encode(corpus.text()), validationFraction));
    }
}
