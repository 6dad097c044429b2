package ai.darwin.training.harness.data;

import java.util.Arrays;

/**
 * The train/validation split of a tokenized corpus: the last {@code validationFraction} of the tokens, contiguous,
 * is validation (nanoGPT's 90/10). It depends only on the corpus and the fraction, so it never changes within a run.
 *
 * @param train      training token ids
 * @param validation validation token ids
 */
public record TokenSplit(int[] train, int[] validation) {

    public static TokenSplit of(int[] tokens, double validationFraction) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1) but was " + validationFraction);
        }
        int validationLength = (int) Math.round(tokens.length * validationFraction);
        int boundary = tokens.length - validationLength;
        if (validationLength < 2 || boundary < 2) {
            throw new IllegalArgumentException("a corpus of " + tokens.length + " tokens is too short to split at "
                    + validationFraction);
        }
        return new TokenSplit(Arrays.copyOfRange(tokens, 0, boundary),
                Arrays.copyOfRange(tokens, boundary, tokens.length));
    }
}
