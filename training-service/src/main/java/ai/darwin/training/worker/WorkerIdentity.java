package ai.darwin.training.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A worker's default id: the host (a pod's name in Kubernetes) and the process, unique across restarts. */
final class WorkerIdentity {

    private WorkerIdentity() {
    }

    static String defaultId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "worker";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
