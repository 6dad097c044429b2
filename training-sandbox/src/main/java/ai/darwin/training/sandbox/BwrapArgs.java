package ai.darwin.training.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * bubblewrap's command line for one child. Every namespace of its own (user, network with nothing but a loopback,
 * mount, pid, IPC, UTS), no capabilities, no nested user namespaces, a new session (no terminal to inject input
 * into), killed with its parent; and a file system built from nothing: the system's libraries read-only, a fresh
 * {@code /dev} and {@code /proc}, a small private {@code /tmp}, what {@link ChildMounts} names read-only and its
 * private directory writable; everything else, the root included, read-only. The worker's home, its environment,
 * other variants' directories and whatever else the host keeps under {@code /etc}, {@code /run}, {@code /home} or
 * {@code /var} do not exist inside.
 *
 * <p>On a GPU machine the NVIDIA device nodes ({@code /dev/nvidia*}) are bound in, and {@code /sys} read-only, where
 * the CUDA driver looks up the devices' PCI topology.
 */
final class BwrapArgs {

    /** The system's programs and libraries: directories, or on a merged-/usr system symlinks into {@code /usr}. */
    static final List<Path> SYSTEM = Stream.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32")
            .map(Path::of).toList();
    /** Where the dynamic linker finds libraries quickly; absent on some systems. */
    static final Path LINKER_CACHE = Path.of("/etc/ld.so.cache");
    /** The private /tmp is memory: the JVM and DJL use the private directory's tmp (java.io.tmpdir) instead. */
    static final long TMP_BYTES = 16L * 1024 * 1024;
    /** POSIX shared memory, also memory: neither the JVM (without perf data) nor DJL's libtorch uses it. */
    static final long SHM_BYTES = 1024L * 1024;
    static final String HOSTNAME = "darwin-sandbox";

    private BwrapArgs() {
    }

    /**
     * @param bwrap   the executable
     * @param mounts  the child's own paths
     * @param devices device nodes to bind in (GPUs)
     * @return bwrap and its options, up to the {@code --} before the child's command
     */
    static List<String> of(Path bwrap, ChildMounts mounts, List<Path> devices) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all", "--unshare-user",
                "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--hostname", HOSTNAME));
        for (Path system : SYSTEM) {
            if (Files.isSymbolicLink(system)) {
                args.addAll(List.of("--symlink", readLink(system), system.toString()));
            } else if (Files.isDirectory(system)) {
                args.addAll(List.of("--ro-bind", system.toString(), system.toString()));
            }
        }
        args.addAll(List.of("--ro-bind-try", LINKER_CACHE.toString(), LINKER_CACHE.toString()));
        args.addAll(List.of("--dev", "/dev"));
        for (Path device : devices) {
            args.addAll(List.of("--dev-bind", device.toString(), device.toString()));
        }
        // /dev is a tmpfs as large as half the memory: read-only, with a small /dev/shm for whatever needs one
        args.addAll(List.of("--size", Long.toString(SHM_BYTES), "--tmpfs", "/dev/shm", "--remount-ro", "/dev"));
        args.addAll(List.of("--proc", "/proc"));
        if (!devices.isEmpty()) {
            args.addAll(List.of("--ro-bind", "/sys", "/sys"));
        }
        args.addAll(List.of("--size", Long.toString(TMP_BYTES), "--tmpfs", "/tmp"));
        for (Path path : outermost(mounts.readOnly())) {
            if (!underSystem(path)) {
                args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            }
        }
        for (Path path : outermost(mounts.writable())) {
            args.addAll(List.of("--bind", path.toString(), path.toString()));
        }
        // the root is a tmpfs that holds the mount points: nothing may be written there either
        args.addAll(List.of("--remount-ro", "/", "--chdir", mounts.workDir().toString(), "--"));
        return args;
    }

    /** @return the NVIDIA device nodes under {@code dev}: nvidia0, nvidiactl, nvidia-uvm, … */
    static List<Path> nvidiaDevices(Path dev) {
        try (Stream<Path> entries = Files.list(dev)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("nvidia")).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** @return the paths, absolute, without those inside another one of them (their parent's bind shows them) */
    static List<Path> outermost(List<Path> paths) {
        List<Path> sorted = paths.stream().map(p -> p.toAbsolutePath().normalize()).distinct()
                .sorted(Comparator.comparingInt(Path::getNameCount)).toList();
        List<Path> kept = new ArrayList<>();
        for (Path path : sorted) {
            if (kept.stream().noneMatch(path::startsWith)) {
                kept.add(path);
            }
        }
        return kept;
    }

    private static boolean underSystem(Path path) {
        return SYSTEM.stream().anyMatch(system -> Files.isDirectory(system) && !Files.isSymbolicLink(system)
                && path.startsWith(system));
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the symlink " + link, e);
        }
    }
}
