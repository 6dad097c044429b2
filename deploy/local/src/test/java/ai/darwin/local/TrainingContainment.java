package ai.darwin.local;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** What the deployment tests hold the training workers' containers to, named once for Compose and Kubernetes. */
final class TrainingContainment {

    static final String TRAINING = "training-service";
    /** bwrap (train only inside bubblewrap) or none. */
    static final String ISOLATION = "DARWIN_TRAINING_SANDBOX_ISOLATION";
    /** true only where the operator accepts running variants without bubblewrap. */
    static final String ALLOW_UNISOLATED = "DARWIN_TRAINING_SANDBOX_ALLOW_UNISOLATED";
    static final String WORK_ROOT = "DARWIN_TRAINING_SANDBOX_WORK_ROOT";
    static final String DJL_CACHE = "DARWIN_TRAINING_SANDBOX_DJL_CACHE_DIR";
    /** The seccomp and AppArmor profiles that let bubblewrap run in a container. */
    static final Path PROFILES = KubernetesManifests.REPOSITORY.resolve("deploy/docker/security");
    static final String SECCOMP_PROFILE = "darwin-bwrap.json";
    static final String APPARMOR_PROFILE = "darwin-bwrap";
    /** Names of variables that carry credentials (as training-service's ChildEnvironment recognises them). */
    static final Pattern SECRET = Pattern.compile("KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|AUTH");

    private TrainingContainment() {
    }
}
