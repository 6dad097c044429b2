package ai.darwin.events.variant;

import ai.darwin.events.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a program of several files, defined once for every service: the caps, what a path may be, the hash
 * that stands for the whole program and the entry file's name in diffs.
 *
 * <p>A program is its entry file ({@code source}: the class that implements {@code TrainingProgram}) plus its other
 * {@link ProgramFile}s; none (absent or empty) is a single-file program, exactly as before files existed.
 */
public final class ProgramFiles {

    /** The most files a program may have, its entry file included. */
    public static final int MAX_FILES = 16;
    /** The most characters one file may have, the entry file included (the cap a single-file program always had). */
    public static final int MAX_FILE_CHARS = 200_000;
    /**
     * The most characters of all files together. A VariantProposed carries the program and its diff in one Kafka
     * record, whose default limit is 1 MB: this keeps the two well inside it.
     */
    public static final int MAX_TOTAL_CHARS = 300_000;
    /** The most directories a path may have above its file ({@code a/b/c/d/File.java} is four). */
    public static final int MAX_DIRECTORIES = 4;
    /** The entry file's path in a diff, in the default package or not. */
    public static final String ENTRY_PATH = "Program.java";

    private static final String IDENTIFIER = "[A-Za-z_$][A-Za-z0-9_$]*";
    /**
     * ASCII Java identifiers only, so that no path can climb out ({@code ..}), start at the root, hide an empty or
     * {@code .} segment, use a backslash or a look-alike letter; {@code .java} at the end.
     */
    private static final Pattern PATH = Pattern.compile(
            "(?:" + IDENTIFIER + "/){0," + MAX_DIRECTORIES + "}" + IDENTIFIER + "\\.java");
    private static final char SEPARATOR = '\0';

    private ProgramFiles() {
    }

    /** @return the files, or an empty list for an event that has none */
    public static List<ProgramFile> orNone(List<ProgramFile> files) {
        return files == null ? List.of() : files;
    }

    /**
     * The program's {@code sourceSha256}: for a single file the SHA-256 of its source, as it always was; with files,
     * the SHA-256 of the canonical form: the entry's source and NUL, then per file sorted by path (by its UTF-16
     * code units, {@link String#compareTo}) the path, NUL, the source and NUL, all in UTF-8.
     */
    public static String sha256(String source, List<ProgramFile> files) {
        if (orNone(files).isEmpty()) {
            return Sha256.of(source);
        }
        MessageDigest digest = Sha256.newDigest();
        update(digest, source);
        for (ProgramFile file : sorted(files)) {
            update(digest, file.path());
            update(digest, file.source());
        }
        return Sha256.hex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) SEPARATOR);
    }

    /** @return the files sorted by path, the order of the hash and of diffs */
    public static List<ProgramFile> sorted(List<ProgramFile> files) {
        return orNone(files).stream().sorted(Comparator.comparing(ProgramFile::path)).toList();
    }

    /** @return whether a path has the allowed form (see {@link ProgramFile}) */
    public static boolean isValidPath(String path) {
        return path != null && PATH.matcher(path).matches();
    }

    /**
     * The package a file at a valid path must declare: its directories joined with dots; empty for the default
     * package.
     */
    public static String packageOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash).replace('/', '.');
    }

    /**
     * Everything wrong with a program's layout and size, one reason a line, empty when it keeps within the rules:
     * the number of files, each file's and the total size, each path's form, and paths that are the same (ignoring
     * case, so that a checkout on a case-insensitive disk cannot lose one) or that take the entry's {@link #ENTRY_PATH}. Whether each file declares the package
     * its path names is for a Java parser to check, with {@link #packageOf}.
     */
    public static List<String> problems(String source, List<ProgramFile> files) {
        List<ProgramFile> others = orNone(files);
        List<String> problems = new ArrayList<>();
        if (others.size() + 1 > MAX_FILES) {
            problems.add("the program has " + (others.size() + 1) + " files, more than the " + MAX_FILES
                    + " allowed");
        }
        long total = source.length();
        if (source.length() > MAX_FILE_CHARS) {
            problems.add("the entry file has " + source.length() + " characters, more than the " + MAX_FILE_CHARS
                    + " allowed");
        }
        Set<String> seen = new HashSet<>();
        seen.add(ENTRY_PATH.toLowerCase(Locale.ROOT));
        for (ProgramFile file : others) {
            String path = file.path();
            total += file.source().length();
            if (!isValidPath(path)) {
                problems.add("the path '" + printable(path) + "' is not allowed: it must be relative, '/'-separated,"
                        + " at most " + MAX_DIRECTORIES + " directories of Java identifiers deep and end in .java");
            }
            if (!seen.add(path.toLowerCase(Locale.ROOT))) {
                problems.add("the path '" + printable(path) + "' appears more than once (ignoring case) or is the"
                        + " entry file's " + ENTRY_PATH);
            }
            if (file.source().length() > MAX_FILE_CHARS) {
                problems.add("the file '" + printable(path) + "' has " + file.source().length()
                        + " characters, more than the " + MAX_FILE_CHARS + " allowed");
            }
        }
        if (total > MAX_TOTAL_CHARS) {
            problems.add("the program's files have " + total + " characters together, more than the "
                    + MAX_TOTAL_CHARS + " allowed");
        }
        return List.copyOf(problems);
    }

    /** A path as a reason may quote it: control characters escaped, at most 120 characters. */
    private static String printable(String path) {
        StringBuilder out = new StringBuilder();
        path.codePoints().limit(120).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return path.codePointCount(0, path.length()) > 120 ? out + "..." : out.toString();
    }
}
