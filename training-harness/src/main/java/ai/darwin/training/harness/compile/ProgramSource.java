package ai.darwin.training.harness.compile;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A training program's text: its entry file, whose public class implements {@code TrainingProgram}, and its other
 * files by path ({@code model/Gpt.java}, a file of package {@code model}), sorted by path. A single-file program
 * has no other files.
 *
 * <p>The paths are trusted no further than their use as names: {@link ProgramCompiler} refuses a file whose package
 * is not its directory, and whoever writes them to a disk checks them first (the worker, with the contract's rules).
 *
 * @param entry the entry file's source
 * @param files the other files, path to source
 */
public record ProgramSource(String entry, Map<String, String> files) {

    public ProgramSource {
        Objects.requireNonNull(entry, "entry");
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** A program of one file. */
    public static ProgramSource single(String entry) {
        return new ProgramSource(entry, Map.of());
    }

    /** @return the package a file at this path must declare: its directories joined with dots, empty for none */
    public static String packageOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash).replace('/', '.');
    }
}
