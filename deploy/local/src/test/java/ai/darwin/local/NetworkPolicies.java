package ai.darwin.local;

import static ai.darwin.local.Yamls.list;
import static ai.darwin.local.Yamls.map;
import static ai.darwin.local.Yamls.strings;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether rendered NetworkPolicies let a connection through, by the rules of the NetworkPolicy API: a pod that no
 * policy of a direction selects is open in that direction; one that some policy selects accepts only what one of
 * those policies' rules allows; a connection needs the sender's egress and the receiver's ingress. The selectors
 * Darwin's policies use are implemented (matchLabels, namespaceSelector on kubernetes.io/metadata.name, ipBlock,
 * numeric ports); anything else fails the test rather than being read as "allows nothing".
 */
final class NetworkPolicies {

    /** A pod (namespace and labels) or an address outside the cluster. */
    record Endpoint(String name, String namespace, Map<String, String> labels, String address) {

        static Endpoint pod(String name, String namespace, Map<String, String> labels) {
            return new Endpoint(name, namespace, labels, null);
        }

        static Endpoint external(String name, String address) {
            return new Endpoint(name, null, Map.of(), address);
        }

        boolean isPod() {
            return address == null;
        }
    }

    private final List<Map<String, Object>> policies;

    NetworkPolicies(List<Map<String, Object>> resources) {
        this.policies = resources.stream().filter(resource -> "NetworkPolicy".equals(resource.get("kind"))).toList();
    }

    boolean allows(Endpoint from, Endpoint to, String protocol, int port) {
        return sends(from, to, protocol, port) && accepts(to, from, protocol, port);
    }

    /** Whether the sender's egress lets the connection out, whatever the receiver accepts. */
    boolean sends(Endpoint from, Endpoint to, String protocol, int port) {
        return allowed(from, "Egress", "egress", "to", to, protocol, port);
    }

    /** Whether the receiver's ingress lets the connection in, whatever the sender may send. */
    boolean accepts(Endpoint to, Endpoint from, String protocol, int port) {
        return allowed(to, "Ingress", "ingress", "from", from, protocol, port);
    }

    private boolean allowed(Endpoint subject, String type, String rulesKey, String peersKey, Endpoint peer,
                            String protocol, int port) {
        if (!subject.isPod()) {
            return true;
        }
        List<Map<String, Object>> selecting = policies.stream()
                .filter(policy -> types(policy).contains(type) && selects(policy, subject)).toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().anyMatch(policy -> list(map(policy.get("spec")).getOrDefault(rulesKey, List.of()))
                .stream().map(Yamls::map).anyMatch(rule -> ports(rule, protocol, port)
                        && peers(rule.get(peersKey), namespace(policy), peer)));
    }

    /** policyTypes, or the API's default: Ingress always, Egress where the policy has egress rules. */
    private static List<String> types(Map<String, Object> policy) {
        Map<String, Object> spec = map(policy.get("spec"));
        if (spec.containsKey("policyTypes")) {
            return strings(spec.get("policyTypes"));
        }
        return spec.containsKey("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private static boolean selects(Map<String, Object> policy, Endpoint pod) {
        return Objects.equals(namespace(policy), pod.namespace())
                && matches(map(policy.get("spec")).get("podSelector"), pod.labels());
    }

    private static String namespace(Map<String, Object> policy) {
        return Objects.toString(map(policy.get("metadata")).get("namespace"));
    }

    private static boolean ports(Map<String, Object> rule, String protocol, int port) {
        List<Object> ports = list(rule.getOrDefault("ports", List.of()));
        return ports.isEmpty() || ports.stream().map(Yamls::map).anyMatch(entry -> {
            if (entry.containsKey("endPort") || !(entry.get("port") instanceof Integer)) {
                throw new IllegalArgumentException("only single numeric ports are implemented: " + entry);
            }
            return entry.get("port").equals(port) && entry.getOrDefault("protocol", "TCP").equals(protocol);
        });
    }

    private static boolean peers(Object declared, String policyNamespace, Endpoint peer) {
        List<Object> peers = declared == null ? List.of() : list(declared);
        return peers.isEmpty() || peers.stream().map(Yamls::map).anyMatch(entry -> {
            if (entry.containsKey("ipBlock")) {
                return !peer.isPod() && inBlock(map(entry.get("ipBlock")), peer.address());
            }
            if (!peer.isPod()) {
                return false;
            }
            boolean namespace = entry.containsKey("namespaceSelector")
                    ? matches(entry.get("namespaceSelector"),
                            Map.of("kubernetes.io/metadata.name", peer.namespace()))
                    : policyNamespace.equals(peer.namespace());
            return namespace && (!entry.containsKey("podSelector") || matches(entry.get("podSelector"), peer.labels()));
        });
    }

    private static boolean matches(Object selector, Map<String, String> labels) {
        Map<String, Object> declared = selector == null ? Map.of() : map(selector);
        if (declared.containsKey("matchExpressions")) {
            throw new IllegalArgumentException("matchExpressions are not implemented: " + declared);
        }
        Map<String, Object> wanted = declared.get("matchLabels") == null ? Map.of() : map(declared.get("matchLabels"));
        return wanted.entrySet().stream()
                .allMatch(label -> label.getValue().toString().equals(labels.get(label.getKey())));
    }

    private static boolean inBlock(Map<String, Object> block, String address) {
        return inCidr(block.get("cidr").toString(), address)
                && strings(block.get("except")).stream().noneMatch(except -> inCidr(except, address));
    }

    private static boolean inCidr(String cidr, String address) {
        try {
            byte[] network = InetAddress.getByName(cidr.substring(0, cidr.indexOf('/'))).getAddress();
            byte[] candidate = InetAddress.getByName(address).getAddress();
            if (network.length != candidate.length) {
                return false;
            }
            int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
            int bits = network.length * 8;
            BigInteger mask = prefix == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE).shiftLeft(bits - prefix);
            return new BigInteger(1, network).and(mask).equals(new BigInteger(1, candidate).and(mask));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + cidr + " or " + address, e);
        }
    }
}
