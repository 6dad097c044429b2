package ai.darwin.local;

import static ai.darwin.local.TrainingContainment.PROFILES;
import static ai.darwin.local.Yamls.list;
import static ai.darwin.local.Yamls.map;
import static ai.darwin.local.Yamls.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The profiles that let bubblewrap run in a container grant what it needs and nothing a hostile variant could use
 * against the host, and the image carries bubblewrap.
 */
class SandboxProfilesTest {

    /** What bubblewrap calls to build its namespaces and the variant's root in them. */
    private static final List<String> BUBBLEWRAP = List.of("clone", "unshare", "mount", "umount2", "pivot_root");
    /** Calls the runtimes' default profiles deny to a container without capabilities, and bubblewrap needs none of. */
    private static final List<String> NEVER = List.of("bpf", "perf_event_open", "kexec_load", "kexec_file_load",
            "init_module", "finit_module", "delete_module", "open_by_handle_at", "ptrace", "process_vm_readv",
            "process_vm_writev", "keyctl", "add_key", "request_key", "userfaultfd", "swapon", "swapoff", "reboot",
            "syslog", "setns", "chroot", "acct", "settimeofday", "clock_settime", "iopl", "ioperm", "quotactl",
            "lookup_dcookie", "sethostname", "setdomainname", "vhangup", "fsopen", "fsmount", "fspick", "fsconfig",
            "move_mount", "open_tree", "mount_setattr", "umount", "kcmp", "pidfd_getfd", "process_madvise");

    @Test
    void theSeccompProfileIsTheDefaultsPlusTheCallsBubblewrapNeeds() throws IOException {
        Map<String, Object> profile = Yamls.load(PROFILES.resolve(TrainingContainment.SECCOMP_PROFILE)).get(0);
        assertThat(profile.get("defaultAction")).isEqualTo("SCMP_ACT_ERRNO");
        // containerd reads a Localhost profile in the OCI format: it would drop Docker's conditions (includes,
        // excludes) and apply their rules to everyone, so the profile may use only what both formats mean alike
        assertThat(profile.keySet()).containsOnly("defaultAction", "defaultErrnoRet", "architectures", "syscalls");
        Set<String> allowed = new HashSet<>();
        Set<String> unconditional = new HashSet<>();
        for (Object entry : list(profile.get("syscalls"))) {
            Map<String, Object> rule = map(entry);
            assertThat(rule.keySet()).isSubsetOf("names", "action", "args", "errnoRet", "comment");
            if ("SCMP_ACT_ALLOW".equals(rule.get("action"))) {
                allowed.addAll(strings(rule.get("names")));
                if (!rule.containsKey("args")) {
                    unconditional.addAll(strings(rule.get("names")));
                }
            } else {
                assertThat(rule.get("action")).isEqualTo("SCMP_ACT_ERRNO");
            }
        }
        assertThat(unconditional).containsAll(BUBBLEWRAP).contains("read", "mmap", "futex", "execve", "arch_prctl");
        assertThat(allowed).doesNotContainAnyElementsOf(NEVER);
        // clone3 fails with ENOSYS, not EPERM, so that the C library falls back to clone rather than giving up
        assertThat(list(profile.get("syscalls"))).anySatisfy(entry -> assertThat(map(entry))
                .containsEntry("names", List.of("clone3")).containsEntry("errnoRet", 38));
    }

    @Test
    void theAppArmorProfileGrantsBubblewrapItsNamespacesAndMounts() throws IOException {
        List<String> rules = Files.readAllLines(PROFILES.resolve(TrainingContainment.APPARMOR_PROFILE + ".apparmor"))
                .stream().map(String::trim).filter(line -> !line.startsWith("#")).toList();
        assertThat(rules).contains("profile " + TrainingContainment.APPARMOR_PROFILE
                + " flags=(attach_disconnected,mediate_deleted) {", "userns,", "mount,", "umount,", "pivot_root,");
        assertThat(rules).noneMatch(rule -> rule.startsWith("deny mount") || rule.startsWith("deny pivot_root")
                || rule.startsWith("deny userns"));
    }

    @Test
    void theImageCarriesBubblewrap() throws IOException {
        String dockerfile = Files.readString(KubernetesManifests.REPOSITORY.resolve("deploy/docker/Dockerfile"));
        String service = dockerfile.substring(dockerfile.indexOf("AS service\n"));
        assertThat(service).containsPattern("apt-get install [^\\n]*\\bbubblewrap\\b");
    }
}
