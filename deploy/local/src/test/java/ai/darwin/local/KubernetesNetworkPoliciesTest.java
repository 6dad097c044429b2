package ai.darwin.local;

import static ai.darwin.local.KubernetesManifests.NAMESPACE;
import static ai.darwin.local.KubernetesManifests.render;
import static ai.darwin.local.TrainingContainment.TRAINING;
import static ai.darwin.local.Yamls.map;
import static ai.darwin.local.Yamls.strings;
import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.local.NetworkPolicies.Endpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The namespace's NetworkPolicies, read by {@link NetworkPolicies}: everything is denied by default, the training
 * workers reach the broker, DNS and the trace collector only and nothing reaches them, and every other component
 * reaches exactly what it needs. The expected connections are written out in full, so that any policy change shows up here.
 */
class KubernetesNetworkPoliciesTest {

    /** Ports Darwin's components listen on or call, by protocol. */
    private static final List<String> PORTS = List.of("53/UDP", "53/TCP", "443/TCP", "8080/TCP", "8081/TCP",
            "8082/TCP", "8083/TCP", "8084/TCP", "9092/TCP", "9093/TCP", "27017/TCP", "4317/TCP");
    /** Peers outside Darwin's namespace. */
    private static final List<Endpoint> OUTSIDE = List.of(
            Endpoint.pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns")),
            Endpoint.pod("keda", "keda", Map.of("app", "keda-operator")),
            Endpoint.pod("another-namespace", "default", Map.of("app", "something")),
            Endpoint.pod("otel-collector", "observability", Map.of("app.kubernetes.io/name", "opentelemetry-collector")),
            Endpoint.external("internet", "203.0.113.10"),
            Endpoint.external("private-network", "10.1.2.3"),
            Endpoint.external("cloud-metadata", "169.254.169.254"));
    private static final List<String> DARWIN = List.of("kafka", "mongo", "darwin-topics", "memory-service",
            "selection-service", "mutation-service", TRAINING, "hitl-service");

    /** Every connection the base allows that starts or ends in Darwin's namespace. */
    private static final Set<String> BASE = new TreeSet<>(List.of(
            "kafka -> kafka:9092/TCP", "kafka -> kafka:9093/TCP",
            "training-service -> kafka:9092/TCP",
            "selection-service -> kafka:9092/TCP", "selection-service -> mongo:27017/TCP",
            "mutation-service -> kafka:9092/TCP", "mutation-service -> memory-service:8084/TCP",
            "mutation-service -> internet:443/TCP", "mutation-service -> private-network:443/TCP",
            "memory-service -> kafka:9092/TCP", "memory-service -> mongo:27017/TCP",
            "hitl-service -> kafka:9092/TCP", "hitl-service -> mongo:27017/TCP",
            "darwin-topics -> kafka:9092/TCP",
            // spans, from every service and the training workers (the variants they run have no network)
            "training-service -> otel-collector:4317/TCP", "selection-service -> otel-collector:4317/TCP", "mutation-service -> otel-collector:4317/TCP",
            "memory-service -> otel-collector:4317/TCP", "hitl-service -> otel-collector:4317/TCP",
            "keda -> kafka:9092/TCP"));

    static {
        for (String pod : DARWIN) {
            BASE.add(pod + " -> kube-dns:53/UDP");
            BASE.add(pod + " -> kube-dns:53/TCP");
        }
        for (Endpoint outside : OUTSIDE) {
            BASE.add(outside.name() + " -> hitl-service:8080/TCP");
            BASE.add(outside.name() + " -> selection-service:8083/TCP");
        }
    }

    @Test
    void everyPodIsDeniedEveryConnectionThatNoPolicyAllows() throws IOException {
        for (List<String> components : KubernetesManifests.everyCombination()) {
            assertThat(render(components)).as(components.toString()).anySatisfy(policy -> {
                assertThat(policy.get("kind")).isEqualTo("NetworkPolicy");
                Map<String, Object> spec = map(policy.get("spec"));
                Object selector = spec.get("podSelector");
                assertThat(selector == null ? Map.of() : map(selector)).as("selects every pod").isEmpty();
                assertThat(strings(spec.get("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
                assertThat(spec).doesNotContainKeys("ingress", "egress");
            });
        }
    }

    @Test
    void trainingWorkersReachOnlyTheBrokerDnsAndTheCollectorAndNothingReachesThem() throws IOException {
        // each side on its own: the workers' egress would stop them even if a receiver accepted more, and their
        // ingress would stop a caller even if its egress allowed more
        List<Map<String, Object>> resources = render(List.of());
        NetworkPolicies policies = new NetworkPolicies(resources);
        Endpoint training = endpoints(resources).stream().filter(pod -> pod.name().equals(TRAINING)).findFirst()
                .orElseThrow();
        Set<String> out = new TreeSet<>();
        Set<String> in = new TreeSet<>();
        for (Endpoint peer : endpoints(resources)) {
            for (String port : PORTS) {
                String protocol = protocol(port);
                if (policies.sends(training, peer, protocol, number(port))) {
                    out.add(peer.name() + ":" + port);
                }
                if (policies.accepts(training, peer, protocol, number(port))) {
                    in.add(peer.name() + ":" + port);
                }
            }
        }
        assertThat(out).containsExactly("kafka:9092/TCP", "kube-dns:53/TCP", "kube-dns:53/UDP",
                "otel-collector:4317/TCP");
        assertThat(in).isEmpty();
    }

    @Test
    void everyComponentReachesWhatItNeedsAndNothingElse() throws IOException {
        assertThat(allowed(render(List.of()))).containsExactlyElementsOf(BASE);
    }

    @Test
    void onlyTheDatasetDownloadComponentOpensAWayOutForTheWorkersAndOnlyToPublicHttps() throws IOException {
        for (String component : KubernetesManifests.components()) {
            Set<String> added = allowed(render(List.of(component)));
            added.removeAll(BASE);
            assertThat(added).as(component).containsExactlyElementsOf(component.equals("dataset-download")
                    ? List.of("training-service -> internet:443/TCP") : List.of());
        }
    }

    /** Every allowed connection from or to a pod of Darwin's namespace, as "from -> to:port/protocol". */
    private static Set<String> allowed(List<Map<String, Object>> resources) {
        List<Endpoint> everyone = endpoints(resources);
        NetworkPolicies policies = new NetworkPolicies(resources);
        Set<String> allowed = new TreeSet<>();
        for (Endpoint from : everyone) {
            for (Endpoint to : everyone) {
                if (OUTSIDE.contains(from) && OUTSIDE.contains(to)) {
                    continue;
                }
                for (String port : PORTS) {
                    if (policies.allows(from, to, protocol(port), number(port))) {
                        allowed.add(from.name() + " -> " + to.name() + ":" + port);
                    }
                }
            }
        }
        return allowed;
    }

    /** Darwin's pods, from the rendered workloads' pod labels, and the peers outside. */
    private static List<Endpoint> endpoints(List<Map<String, Object>> resources) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map<String, Object> workload : KubernetesManifests.workloads(resources)) {
            Map<String, String> labels = new HashMap<>();
            map(Yamls.at(workload, "spec", "template", "metadata", "labels"))
                    .forEach((key, value) -> labels.put(key, value.toString()));
            endpoints.add(Endpoint.pod(labels.get("app"), NAMESPACE, labels));
        }
        assertThat(endpoints.stream().map(Endpoint::name)).as("the pods this test knows")
                .containsExactlyInAnyOrderElementsOf(DARWIN);
        endpoints.addAll(OUTSIDE);
        return endpoints;
    }

    private static String protocol(String port) {
        return port.substring(port.indexOf('/') + 1);
    }

    private static int number(String port) {
        return Integer.parseInt(port.substring(0, port.indexOf('/')));
    }
}
