package ai.darwin.training.sandbox;

import ai.darwin.training.config.TrainingConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether a child can run in a network namespace of its own, with nothing but a loopback that is down: util-linux's
 * {@code unshare} makes one, as root or, where the kernel allows unprivileged user namespaces, as anyone. The
 * bytecode check already rejects networking; this takes the network away from a program that got past it.
 */
public final class NetworkIsolation {

    /** Runs the rest of the command line in new user and network namespaces, as the worker's own user. */
    static final List<String> UNSHARE = List.of("unshare", "--user", "--map-root-user", "--net", "--");

    private NetworkIsolation() {
    }

    /**
     * @return the launcher prefix for the mode: {@link #UNSHARE} when wanted and possible, else nothing
     * @throws IllegalStateException when the mode is ON and this machine cannot isolate
     */
    public static List<String> launcherPrefix(TrainingConfig.NetworkIsolation mode) {
        if (mode == TrainingConfig.NetworkIsolation.OFF) {
            return List.of();
        }
        if (works()) {
            return UNSHARE;
        }
        if (mode == TrainingConfig.NetworkIsolation.ON) {
            throw new IllegalStateException("network isolation is on, but '" + String.join(" ", UNSHARE)
                    + " true' fails here (no unshare, or no user namespaces)");
        }
        return List.of();
    }

    static boolean works() {
        List<String> probe = new ArrayList<>(UNSHARE);
        probe.add("true");
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
