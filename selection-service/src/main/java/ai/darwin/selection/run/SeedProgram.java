package ai.darwin.selection.run;

import ai.darwin.selection.config.SelectionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The program every run starts from, read once from the classpath or a file. */
@ApplicationScoped
public class SeedProgram {

    private final String source;

    SeedProgram(SelectionConfig config) {
        this.source = load(config.seedProgram());
    }

    public String source() {
        return source;
    }

    static String load(String location) {
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length());
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("seed program " + location + " is not on the classpath");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed program " + location, e);
        }
    }
}
