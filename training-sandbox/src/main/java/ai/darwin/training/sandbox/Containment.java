package ai.darwin.training.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The OS-level wall and limits around every child, second to the bytecode check: bubblewrap's namespaces and
 * mounts, prlimit's rlimits and, where this process may make them, cgroup v2 limits. A worker gets one from
 * {@link Isolation#decide}; without bubblewrap it runs variants only where the operator allowed that.
 *
 * @param bwrap   the bubblewrap executable; empty when variants run unisolated
 * @param prlimit util-linux's prlimit; empty when variants run without rlimits (only where unisolated was allowed)
 * @param cgroups a cgroup per child; empty where there is no writable cgroup v2
 */
public record Containment(Optional<Path> bwrap, Optional<Path> prlimit, Optional<Cgroups> cgroups) {

    public Containment {
        Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(prlimit, "prlimit");
        Objects.requireNonNull(cgroups, "cgroups");
    }

    /** @return whether children run behind bubblewrap's wall */
    public boolean isolated() {
        return bwrap.isPresent();
    }

    /** For logs and health: what stands around a child. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(bwrap.map(path -> "bubblewrap (" + path + ")").orElse("no OS-level isolation"));
        parts.add(prlimit.isPresent() ? "rlimits" : "no rlimits");
        cgroups.ifPresent(c -> parts.add("cgroup v2 limits under " + c.base()));
        return String.join(", ", parts);
    }

    /**
     * @param java    the child's own command line
     * @param mounts  what the child sees of the file system (ignored without bubblewrap)
     * @param limits  its rlimits
     * @param cgroup  the {@code cgroup.procs} file of the child's own cgroup, when it has one
     * @return the whole command: move into the cgroup, set the rlimits, build the wall, then run java
     */
    List<String> wrap(List<String> java, ChildMounts mounts, Rlimits limits, Optional<Path> cgroup) {
        List<String> command = new ArrayList<>();
        // the shell moves itself into the cgroup before it execs the rest, so that nothing the child starts is
        // ever outside it
        cgroup.ifPresent(procs -> command.addAll(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                procs.toString())));
        prlimit.ifPresent(path -> command.addAll(limits.prlimitArgs(path)));
        bwrap.ifPresent(path -> command.addAll(BwrapArgs.of(path, mounts, BwrapArgs.nvidiaDevices(Path.of("/dev")))));
        command.addAll(java);
        return command;
    }
}
