package ai.darwin.training.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Decides, once at a worker's start, what wall its children get, and fails closed: a worker that cannot isolate
 * (no bubblewrap, bubblewrap denied as by Docker's default seccomp profile, no prlimit) refuses untrusted code
 * unless the operator explicitly allowed unisolated runs ({@code darwin.training.sandbox.allow-unisolated}).
 */
public final class Isolation {

    /** What an operator does about a refusal. */
    static final String FIX = "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap) and run the worker "
            + "where it may create user namespaces (Docker: a seccomp profile that allows them, or the gVisor "
            + "runtime; Kubernetes: see deploy/README.md), or accept running variants without the OS-level wall "
            + "with DARWIN_TRAINING_SANDBOX_ALLOW_UNISOLATED=true";

    /** What the operator asked for: the bubblewrap wall, or none (which also needs allow-unisolated). */
    public enum Mode {
        BWRAP, NONE
    }

    private Isolation() {
    }

    /**
     * The worker's verdict on untrusted code.
     *
     * @param containment what children get; null when refused
     * @param refusal     why the worker refuses untrusted code, with the fix; null when it runs it
     * @param warning     what is missing although the operator allowed it; null when nothing is
     */
    public record Decision(Containment containment, String refusal, String warning) {

        public boolean refused() {
            return refusal != null;
        }
    }

    /**
     * @param mode            bwrap or none
     * @param bwrapName       bubblewrap's executable: a path, or a name to look up on {@code searchPath}
     * @param prlimitName     prlimit's executable, the same way
     * @param allowUnisolated whether the operator accepts running variants without the wall
     */
    public static Decision decide(Mode mode, String bwrapName, String prlimitName,
                                  boolean allowUnisolated, String searchPath, Optional<Cgroups> cgroups) {
        Optional<Path> prlimit = executable(prlimitName, searchPath);
        Optional<Path> bwrap = Optional.empty();
        Optional<String> bwrapProblem;
        if (mode == Mode.NONE) {
            bwrapProblem = Optional.of("darwin.training.sandbox.isolation is none");
        } else {
            bwrap = executable(bwrapName, searchPath);
            bwrapProblem = bwrap.isEmpty()
                    ? Optional.of("bubblewrap ('" + bwrapName + "') is not installed or not on the PATH")
                    : probe(bwrap.get());
        }
        return decide(bwrapProblem.isEmpty() ? bwrap : Optional.empty(), bwrapProblem, prlimit, allowUnisolated,
                cgroups);
    }

    /**
     * @param bwrap           a working bubblewrap, if any
     * @param bwrapProblem    why there is none
     * @param prlimit         prlimit, if installed
     * @param allowUnisolated whether the operator accepts running variants without the wall
     */
    static Decision decide(Optional<Path> bwrap, Optional<String> bwrapProblem, Optional<Path> prlimit,
                           boolean allowUnisolated, Optional<Cgroups> cgroups) {
        List<String> missing = new ArrayList<>();
        bwrapProblem.ifPresent(missing::add);
        if (prlimit.isEmpty()) {
            missing.add("prlimit (util-linux) is not installed, so children get no rlimits");
        }
        Containment containment = new Containment(bwrap, prlimit, cgroups);
        if (missing.isEmpty()) {
            return new Decision(containment, null, null);
        }
        String what = String.join("; ", missing);
        if (allowUnisolated) {
            return new Decision(containment, null, what + ". Variants run WITHOUT the OS-level wall "
                    + "(darwin.training.sandbox.allow-unisolated=true): only the bytecode check stands between a "
                    + "program and this worker's files, network and environment");
        }
        return new Decision(null, "this worker cannot isolate untrusted code and refuses to train: " + what
                + ". To fix: " + FIX, null);
    }

    /**
     * Runs {@code true} behind the same wall a child gets, with nothing mounted but the system.
     *
     * @return why bubblewrap does not work here, or empty when it does
     */
    static Optional<String> probe(Path bwrap) {
        List<String> command = new ArrayList<>(BwrapArgs.of(bwrap, new ChildMounts(List.of(), List.of(),
                Path.of("/")), List.of()));
        command.add("true");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().put("PATH", ChildEnvironment.DEFAULT_PATH);
            Process process = builder.start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readNBytes(2000), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of(bwrap + " did not finish a trial run within 10 s");
            }
            return process.exitValue() == 0 ? Optional.empty() : Optional.of(bwrap + " cannot build a sandbox here "
                    + "(exit status " + process.exitValue() + (output.isEmpty() ? "" : ": " + output) + ")");
        } catch (IOException e) {
            return Optional.of(bwrap + " cannot be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while trying " + bwrap);
        }
    }

    /** @return the executable: a path as it is, a bare name looked up on {@code searchPath} */
    static Optional<Path> executable(String name, String searchPath) {
        if (name.contains("/")) {
            Path path = Path.of(name).toAbsolutePath();
            return Files.isExecutable(path) && !Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }
}
