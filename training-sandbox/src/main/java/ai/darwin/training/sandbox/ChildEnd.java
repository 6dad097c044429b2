package ai.darwin.training.sandbox;

import ai.darwin.events.training.FailureClass;
import java.util.Optional;

/**
 * The facts of a child's end that the worker established itself, and the failure class they decide. Never the
 * child's output: a program may print anything, the JVM's own start-up errors included. Once the started marker
 * exists, untrusted code may have been loaded, so no end without a result is the worker's fault (INFRASTRUCTURE,
 * which is retried and blames no one).
 *
 * @param started       the child created its started marker, which it does before it loads any program code
 * @param exitStatus    its exit status; 128 + N when signal N ended it
 * @param killedAs      the class of the limit this process killed it for, or null
 * @param killedFor     why this process killed it, or null
 * @param logFull       its output reached the file-size limit
 * @param kernelOomKill the kernel killed it at its cgroup's memory limit
 * @param crashReport   the JVM wrote the crash report where this process asked it to ({@code -XX:ErrorFile})
 */
record ChildEnd(boolean started, int exitStatus, FailureClass killedAs, String killedFor, boolean logFull,
                boolean kernelOomKill, boolean crashReport) {

    static final int SIGKILL = 9;
    static final int SIGXCPU = 24;

    /** A classified end. */
    record Verdict(FailureClass failureClass, String message) {
    }

    /** @return the failure these facts prove whatever the result file says, or empty to let the result decide */
    Optional<Verdict> beforeResult() {
        if (!started) {
            return Optional.of(new Verdict(FailureClass.INFRASTRUCTURE, "the child JVM did not start ("
                    + (killedFor != null ? killedFor : "exit status " + exitStatus) + ")"));
        }
        if (killedAs != null) {
            return Optional.of(new Verdict(killedAs, killedFor));
        }
        if (logFull) {
            return Optional.of(new Verdict(FailureClass.CONTRACT_VIOLATION, "the program printed more than "
                    + Sandbox.MAX_LOG_BYTES / (1024 * 1024) + " MiB and was stopped"));
        }
        if (kernelOomKill) {
            return Optional.of(new Verdict(FailureClass.OUT_OF_MEMORY, "the child reached its cgroup's memory "
                    + "limit and the kernel killed it"));
        }
        return Optional.empty();
    }

    /** @return the failure of a child that started but left no result the worker could read */
    Verdict withoutResult() {
        if (exitStatus == ChildLaunch.OOM_EXIT) {
            return new Verdict(FailureClass.OUT_OF_MEMORY, "the child JVM ran out of memory (Java heap) and ended "
                    + "(-XX:+ExitOnOutOfMemoryError, exit status " + exitStatus + ")");
        }
        if (exitStatus == 128 + SIGKILL) {
            // this process did not send it (that would be killedAs): the kernel's OOM killer is what sends it
            return new Verdict(FailureClass.OUT_OF_MEMORY, "the child JVM was killed by SIGKILL, which the worker "
                    + "did not send: the kernel ran out of memory");
        }
        if (exitStatus == 128 + SIGXCPU) {
            return new Verdict(FailureClass.TIMEOUT, "the child used up its CPU-time limit and was killed");
        }
        if (crashReport) {
            return new Verdict(FailureClass.RUNTIME_EXCEPTION, "the child JVM crashed in native code (exit status "
                    + exitStatus + ")");
        }
        return new Verdict(FailureClass.RUNTIME_EXCEPTION, "the child JVM exited with status " + exitStatus
                + " before the harness wrote a readable result");
    }
}
