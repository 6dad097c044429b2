package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BwrapArgsTest {

    private static final Path DIR = Path.of("/work/variant-1");
    private static final ChildMounts MOUNTS = new ChildMounts(
            List.of(Path.of("/opt/jdk"), Path.of("/repo/lib/a.jar"), Path.of("/cache/djl"),
                    Path.of("/data/corpus.txt")),
            List.of(DIR), DIR);

    /** @return whether the arguments hold {@code option source target} */
    private static boolean has(List<String> args, String option, Path path) {
        return Collections.indexOfSubList(args, List.of(option, path.toString(), path.toString())) >= 0;
    }

    @Test
    void everyNamespaceIsNewAndNoCapabilityIsLeft() {
        List<String> args = BwrapArgs.of(Path.of("/usr/bin/bwrap"), MOUNTS, List.of());

        assertThat(args.get(0)).isEqualTo("/usr/bin/bwrap");
        assertThat(args).contains("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
                "--new-session").doesNotContain("--share-net");
        assertThat(Collections.indexOfSubList(args, List.of("--cap-drop", "ALL"))).isPositive();
        assertThat(args.get(args.size() - 1)).isEqualTo("--");
        assertThat(Collections.indexOfSubList(args, List.of("--remount-ro", "/"))).as("the root tmpfs read-only")
                .isPositive();
        assertThat(Collections.indexOfSubList(args, List.of("--remount-ro", "/dev"))).isPositive();
    }

    @Test
    void theChildSeesOnlyWhatItNeedsAndWritesOnlyItsDirectory() {
        List<String> args = BwrapArgs.of(Path.of("bwrap"), MOUNTS, List.of());

        for (Path readOnly : MOUNTS.readOnly()) {
            assertThat(has(args, "--ro-bind", readOnly)).as(readOnly.toString()).isTrue();
        }
        assertThat(has(args, "--bind", DIR)).isTrue();
        assertThat(args.stream().filter(a -> a.equals("--bind")).count()).isOne();
        assertThat(Collections.indexOfSubList(args, List.of("--dev", "/dev"))).isPositive();
        assertThat(Collections.indexOfSubList(args, List.of("--proc", "/proc"))).isPositive();
        assertThat(Collections.indexOfSubList(args, List.of("--tmpfs", "/tmp"))).isPositive();
        for (String hostPlace : new String[] {"/", "/home", "/root", "/etc", "/run", "/var"}) {
            assertThat(has(args, "--ro-bind", Path.of(hostPlace)) || has(args, "--bind", Path.of(hostPlace)))
                    .as(hostPlace).isFalse();
        }
        assertThat(has(args, "--ro-bind", Path.of("/sys"))).as("/sys only for GPUs").isFalse();
        // the private /tmp comes before anything that may be bound below it
        assertThat(args.indexOf("--tmpfs")).isLessThan(args.indexOf("--bind"));
    }

    @Test
    void gpuDeviceNodesAndSysAreBoundInWhenPresent(@TempDir Path dev) throws IOException {
        Files.createFile(dev.resolve("nvidia0"));
        Files.createFile(dev.resolve("nvidiactl"));
        Files.createFile(dev.resolve("null"));

        List<Path> devices = BwrapArgs.nvidiaDevices(dev);
        List<String> args = BwrapArgs.of(Path.of("bwrap"), MOUNTS, devices);

        assertThat(devices).containsExactly(dev.resolve("nvidia0"), dev.resolve("nvidiactl"));
        assertThat(has(args, "--dev-bind", dev.resolve("nvidia0"))).isTrue();
        assertThat(has(args, "--ro-bind", Path.of("/sys"))).isTrue();
        assertThat(BwrapArgs.nvidiaDevices(dev.resolve("missing"))).isEmpty();
    }

    @Test
    void aPathInsideAnotherIsNotBoundTwice() {
        assertThat(BwrapArgs.outermost(List.of(Path.of("/etc/java/a.cfg"), Path.of("/etc/java"), Path.of("/x/y"))))
                .containsExactly(Path.of("/etc/java"), Path.of("/x/y"));
    }

    @Test
    void theJdkIsBoundWithWhatItsSymlinksPointTo() {
        List<Path> jdk = ChildLaunch.jdk(SandboxSettings.currentJava());

        assertThat(jdk).contains(Path.of(System.getProperty("java.home")));
        assertThat(jdk).allMatch(Files::exists);
    }
}
