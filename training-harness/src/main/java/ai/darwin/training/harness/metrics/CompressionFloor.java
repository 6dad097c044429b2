package ai.darwin.training.harness.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * The lowest validation bits per byte the harness believes: a quarter of what DEFLATE needs for the validation text
 * when primed with the end of the training text as its dictionary.
 *
 * <p>Why a quarter: the best language models published compress English prose to about a third of what DEFLATE
 * needs (enwik8: about 0.94 bits per byte for large transformers against about 2.9 for DEFLATE), and a model trained
 * on a run's budget is far from those. A model that read the answers scores near zero, far below the floor.
 */
public final class CompressionFloor {

    /** The floor, as a fraction of DEFLATE's bits per byte. */
    public static final double FRACTION = 0.25;
    /** DEFLATE's window: the most of the training text a preset dictionary can use. */
    static final int DICTIONARY_BYTES = 32 * 1024;

    private CompressionFloor() {
    }

    /**
     * @param trainText      the training split's text
     * @param validationText the validation split's text
     * @return the floor in bits per byte; 0 when the validation text is empty
     */
    public static double bitsPerByte(String trainText, String validationText) {
        return FRACTION * deflateBitsPerByte(trainText, validationText);
    }

    /** @return DEFLATE's (level 9) compressed bits per byte of the validation text, primed with the training text */
    public static double deflateBitsPerByte(String trainText, String validationText) {
        byte[] input = validationText.getBytes(StandardCharsets.UTF_8);
        if (input.length == 0) {
            return 0;
        }
        byte[] train = trainText.getBytes(StandardCharsets.UTF_8);
        byte[] dictionary = Arrays.copyOfRange(train, Math.max(0, train.length - DICTIONARY_BYTES), train.length);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            if (dictionary.length > 0) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(input);
            deflater.finish();
            byte[] buffer = new byte[64 * 1024];
            long compressed = 0;
            while (!deflater.finished()) {
                compressed += deflater.deflate(buffer);
            }
            return 8.0 * compressed / input.length;
        } finally {
            deflater.end();
        }
    }
}
