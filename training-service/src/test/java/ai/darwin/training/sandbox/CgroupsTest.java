package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup v2 protocol against a directory that plays the cgroup file system (this machine has cgroup v1 only,
 * so the kernel's side is not exercised here).
 */
class CgroupsTest {

    @TempDir
    Path fs;

    private Path self(String line) throws IOException {
        return Files.writeString(fs.resolveSibling(fs.getFileName() + "-self"), line + "\n");
    }

    private void cgroupV2(String controllers) throws IOException {
        Files.writeString(fs.resolve("cgroup.controllers"), controllers);
        Files.writeString(fs.resolve("cgroup.subtree_control"), "");
        Files.writeString(fs.resolve("cgroup.procs"), "1\n42\n");
    }

    @Test
    void aContainersOwnCgroupIsDelegatedToChildren() throws IOException {
        cgroupV2("cpuset cpu io memory pids");

        Cgroups.Setup setup = Cgroups.setUp(fs, self("0::/"));

        assertThat(setup.cgroups()).as(setup.reason()).isPresent();
        assertThat(Files.readString(fs.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids");
        assertThat(fs.resolve(Cgroups.WORKER_LEAF).resolve("cgroup.procs")).exists();

        Cgroups.Child child = setup.cgroups().get().create("variant-1/attempt 1", 3L << 30);
        Path dir = child.procs().getParent();
        assertThat(dir.getFileName().toString()).startsWith("darwin-child-variant-1_attempt_1-");
        assertThat(Files.readString(dir.resolve("memory.max"))).isEqualTo(Long.toString(3L << 30));
        assertThat(Files.readString(dir.resolve("pids.max"))).isEqualTo(Integer.toString(Cgroups.MAX_PIDS));
        assertThat(Files.readString(dir.resolve("memory.swap.max"))).isEqualTo("0");
        assertThat(child.oomKilled()).isFalse();
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        assertThat(child.oomKilled()).isTrue();
    }

    @Test
    void cgroupV1OrACgroupSomeoneElseManagesIsLeftAlone() throws IOException {
        assertThat(Cgroups.setUp(fs, self("0::/")).reason()).contains("no cgroup v2");

        cgroupV2("cpu memory pids");
        Cgroups.Setup systemd = Cgroups.setUp(fs, self("0::/user.slice/user-0.slice/session-1.scope"));
        assertThat(systemd.cgroups()).isEmpty();
        assertThat(systemd.reason()).contains("not the root of a cgroup namespace");
        assertThat(Files.readString(fs.resolve("cgroup.subtree_control"))).isEmpty();
    }

    @Test
    void withoutTheMemoryAndPidsControllersThereAreNoLimits() throws IOException {
        cgroupV2("cpu io");

        assertThat(Cgroups.setUp(fs, self("0::/")).reason()).contains("memory and pids controllers");
    }
}
