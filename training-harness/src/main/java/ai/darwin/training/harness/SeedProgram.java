package ai.darwin.training.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The seed training program's source: nanoGPT in DJL, the text every lineage of variants starts from. It ships in
 * the training SDK's jar, so services that only need its text do not pull in the engine.
 */
public final class SeedProgram {

    /** The classpath resource holding the source. */
    public static final String RESOURCE = "programs/SeedGpt.java";

    private SeedProgram() {
    }

    public static String source() {
        try (InputStream in = SeedProgram.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
