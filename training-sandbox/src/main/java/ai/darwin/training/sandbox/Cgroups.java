package ai.darwin.training.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A cgroup v2 of its own for each child, where this process may make one: the kernel then holds the child to
 * {@code memory.max} (at once, where the worker's own watch looks every 100 ms), gives it no swap, and caps its
 * processes and threads ({@code pids.max}, which rlimits cannot do per child); {@code memory.events} tells the
 * worker, as a fact, that the kernel killed it for memory.
 *
 * <p>Only at the root of a cgroup namespace (a container's own cgroup, as {@code /proc/self/cgroup} shows it:
 * {@code 0::/}) with a writable cgroup v2 file system and the memory and pids controllers: elsewhere the cgroup
 * belongs to systemd or is read-only (Docker and Kubernetes mount it so by default), and the limits come from the
 * container's own resources. Since a cgroup that holds processes cannot hand controllers to its children, the
 * worker first moves its container's processes into a leaf of their own. Nothing here is needed for safety:
 * rlimits and the worker's watch apply either way.
 */
public final class Cgroups {

    static final String WORKER_LEAF = "darwin-worker";
    /** Threads and processes of one child: the JVM's, libtorch's pools, with room to spare. */
    static final int MAX_PIDS = 1024;

    private final Path base;

    Cgroups(Path base) {
        this.base = base;
    }

    public Path base() {
        return base;
    }

    /** Whether the cgroups could be set up, and why not. */
    public record Setup(Optional<Cgroups> cgroups, String reason) {
    }

    /**
     * @param fsRoot     the cgroup file system, {@code /sys/fs/cgroup}
     * @param selfCgroup this process's cgroup membership, {@code /proc/self/cgroup}
     */
    public static Setup setUp(Path fsRoot, Path selfCgroup) {
        if (!Files.exists(fsRoot.resolve("cgroup.controllers"))) {
            return new Setup(Optional.empty(), "no cgroup v2 at " + fsRoot + " (cgroup v1 or none)");
        }
        String own;
        try {
            own = Files.readAllLines(selfCgroup).stream().filter(line -> line.startsWith("0::")).findFirst()
                    .map(line -> line.substring(3)).orElse("");
        } catch (IOException e) {
            return new Setup(Optional.empty(), "cannot read " + selfCgroup + ": " + e.getMessage());
        }
        if (!own.equals("/")) {
            return new Setup(Optional.empty(), "this process's cgroup " + own + " is not the root of a cgroup "
                    + "namespace (a container's own), so it is left to whoever manages it");
        }
        try {
            List<String> controllers = List.of(read(fsRoot.resolve("cgroup.controllers")).split("\\s+"));
            if (!controllers.containsAll(List.of("memory", "pids"))) {
                return new Setup(Optional.empty(), "the memory and pids controllers are not available in " + fsRoot);
            }
            if (!Files.isWritable(fsRoot.resolve("cgroup.subtree_control"))) {
                return new Setup(Optional.empty(), fsRoot + " is read-only");
            }
            Path leaf = fsRoot.resolve(WORKER_LEAF);
            Files.createDirectories(leaf);
            for (String pid : read(fsRoot.resolve("cgroup.procs")).split("\\s+")) {
                if (!pid.isBlank()) {
                    write(leaf.resolve("cgroup.procs"), pid);
                }
            }
            write(fsRoot.resolve("cgroup.subtree_control"), "+memory +pids");
            return new Setup(Optional.of(new Cgroups(fsRoot)), "");
        } catch (IOException | RuntimeException e) {
            return new Setup(Optional.empty(), "cannot delegate " + fsRoot + " to children: " + e);
        }
    }

    /**
     * @param label       names the cgroup, e.g. the variant and attempt
     * @param memoryBytes memory.max
     * @return the child's cgroup, to be closed once the child is gone
     */
    Child create(String label, long memoryBytes) throws IOException {
        String safe = label.replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = base.resolve("darwin-child-" + safe.substring(0, Math.min(safe.length(), 60)) + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectory(dir);
        Child child = new Child(dir);
        try {
            write(dir.resolve("memory.max"), Long.toString(memoryBytes));
            write(dir.resolve("pids.max"), Integer.toString(MAX_PIDS));
        } catch (IOException e) {
            child.close();
            throw e;
        }
        try {
            write(dir.resolve("memory.swap.max"), "0");
        } catch (IOException e) {
            // no swap accounting on this kernel: nothing to turn off
        }
        return child;
    }

    /** One child's cgroup. */
    static final class Child implements AutoCloseable {

        private final Path dir;

        Child(Path dir) {
            this.dir = dir;
        }

        Path procs() {
            return dir.resolve("cgroup.procs");
        }

        /** @return whether the kernel killed something in it for exceeding memory.max */
        boolean oomKilled() {
            try {
                return read(dir.resolve("memory.events")).lines().map(String::trim)
                        .anyMatch(line -> line.startsWith("oom_kill ") && !line.equals("oom_kill 0"));
            } catch (IOException e) {
                return false;
            }
        }

        /** Kills whatever is left in it and removes it. */
        @Override
        public void close() {
            try {
                if (Files.exists(dir.resolve("cgroup.kill"))) {
                    write(dir.resolve("cgroup.kill"), "1");
                }
            } catch (IOException e) {
                // an old kernel without cgroup.kill: the child was killed through its process handle
            }
            for (int attempt = 0; attempt < 20 && Files.exists(dir); attempt++) {
                try {
                    Files.delete(dir);
                } catch (IOException e) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.UTF_8);
    }
}
