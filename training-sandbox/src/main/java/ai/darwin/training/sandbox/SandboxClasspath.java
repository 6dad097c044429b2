package ai.darwin.training.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The child JVM's classpath: every jar of one folder, which the build fills with the SDK, the harness, DJL and an
 * SLF4J binding, and nothing of the service's own classpath. The build copies it to {@code target/sandbox-lib}; a
 * deployment puts it anywhere and names it with {@code darwin.training.sandbox.lib-dir}.
 */
public final class SandboxClasspath {

    /** The folder name searched for next to the running service. */
    public static final String FOLDER = "sandbox-lib";
    /** Jars the child cannot run without, by the start of their file names. */
    static final List<String> REQUIRED = List.of("darwin-training-sdk", "darwin-training-harness", "api-",
            "pytorch-engine", "pytorch-jni", "pytorch-native", "slf4j-api", "slf4j-simple");
    /** How many folders up from the service's code to look for {@value #FOLDER}. */
    private static final int SEARCH_DEPTH = 3;

    private SandboxClasspath() {
    }

    /** @return the configured folder, else the nearest {@value #FOLDER} above the service's code */
    public static Path locate(Optional<Path> configured) {
        if (configured.isPresent()) {
            return configured.get().toAbsolutePath().normalize();
        }
        Path start = codeLocation();
        for (Path dir = start; dir != null && start.getNameCount() - dir.getNameCount() <= SEARCH_DEPTH;
                dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(FOLDER))) {
                return dir.resolve(FOLDER);
            }
        }
        Path fallback = Path.of("target", FOLDER).toAbsolutePath();
        if (Files.isDirectory(fallback)) {
            return fallback;
        }
        throw new IllegalStateException("no " + FOLDER + " folder near " + start + ": build the service with Maven "
                + "(it copies the child's jars there) or set darwin.training.sandbox.lib-dir");
    }

    /**
     * @return the folder's jars, sorted by name
     * @throws IllegalStateException when a jar the child needs is missing
     */
    public static List<Path> jars(Path libDir) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(libDir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + libDir, e);
        }
        for (String required : REQUIRED) {
            if (jars.stream().noneMatch(jar -> jar.getFileName().toString().startsWith(required))) {
                throw new IllegalStateException(libDir + " lacks the " + required + "* jar the child JVM needs");
            }
        }
        return jars;
    }

    private static Path codeLocation() {
        try {
            return Path.of(SandboxClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
