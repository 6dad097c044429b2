package ai.darwin.local;

import static ai.darwin.local.KubernetesManifests.NAMESPACE;
import static ai.darwin.local.KubernetesManifests.containers;
import static ai.darwin.local.KubernetesManifests.podSpec;
import static ai.darwin.local.KubernetesManifests.resource;
import static ai.darwin.local.Yamls.at;
import static ai.darwin.local.Yamls.list;
import static ai.darwin.local.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.Topics;
import ai.darwin.local.NetworkPolicies.Endpoint;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/overlays/strimzi: the broker as Strimzi resources, the event contract's topics as KafkaTopics, and one
 * KafkaUser per service whose ACLs are exactly what the service reads and writes, so that a new channel without its
 * ACL, or an ACL left behind, fails here rather than in a cluster. The services reach the TLS listener with their
 * own user's credentials and nothing of the bare broker is left.
 */
class StrimziOverlayTest {

    static final Path OVERLAY = KubernetesManifests.OVERLAYS_ROOT.resolve("strimzi");
    static final List<String> SERVICES = List.of("memory-service", "selection-service", "mutation-service",
            "training-service", "hitl-service");
    private static final String BOOTSTRAP = "darwin-kafka-bootstrap.darwin.svc:9093";
    private static List<Map<String, Object>> resources;
    private static Map<String, Object> kafka;

    @BeforeAll
    static void render() throws IOException {
        resources = Kustomize.render(OVERLAY);
        kafka = resource(resources, "Kafka", "darwin");
    }

    @Test
    void aKraftClusterWithOneTlsScramListenerAndAcls() {
        assertThat(map(kafka.get("metadata")).get("annotations"))
                .isEqualTo(Map.of("strimzi.io/node-pools", "enabled", "strimzi.io/kraft", "enabled"));
        Map<String, Object> listener = map(list(at(kafka, "spec", "kafka", "listeners")).get(0));
        assertThat(list(at(kafka, "spec", "kafka", "listeners"))).hasSize(1);
        assertThat(listener.get("tls")).isEqualTo(true);
        assertThat(at(listener, "authentication", "type")).isEqualTo("scram-sha-512");
        assertThat(listener.get("port")).isEqualTo(9093);
        assertThat(at(kafka, "spec", "kafka", "authorization", "type")).isEqualTo("simple");
        assertThat(at(kafka, "spec", "kafka", "config", "auto.create.topics.enable")).isEqualTo(false);

        Map<String, Object> pool = resource(resources, "KafkaNodePool", "dual-role");
        assertThat(Yamls.strings(at(pool, "spec", "roles"))).containsExactlyInAnyOrder("controller", "broker");
        int nodes = (Integer) at(pool, "spec", "replicas");
        assertThat(nodes).isGreaterThanOrEqualTo(3);
        assertThat((Integer) at(kafka, "spec", "kafka", "config", "min.insync.replicas")).isLessThan(nodes);
        for (Map<String, Object> owned : ofKinds("KafkaNodePool", "KafkaTopic", "KafkaUser")) {
            assertThat(at(owned, "metadata", "labels", "strimzi.io/cluster")).as(name(owned)).isEqualTo("darwin");
            assertThat(at(owned, "metadata", "namespace")).isEqualTo(NAMESPACE);
        }
    }

    @Test
    void oneKafkaTopicPerContractTopicWithItsPartitions() {
        Map<String, Integer> declared = new TreeMap<>();
        for (Map<String, Object> topic : ofKinds("KafkaTopic")) {
            declared.put(name(topic), (Integer) at(topic, "spec", "partitions"));
            int replicas = (Integer) at(topic, "spec", "replicas");
            assertThat(replicas).as(name(topic)).isEqualTo(at(resource(resources, "KafkaNodePool", "dual-role"),
                    "spec", "replicas"));
            assertThat((Integer) at(topic, "spec", "config", "min.insync.replicas")).as(name(topic))
                    .isBetween(2, replicas - 1);
        }
        Map<String, Integer> contract = new TreeMap<>();
        Topics.ALL.forEach(topic -> contract.put(topic.name(), topic.partitions()));
        assertThat(declared).isEqualTo(contract);
    }

    @Test
    void eachServicesUserMayDoWhatItsChannelsAndFollowersDoAndNothingElse() throws IOException {
        for (String service : SERVICES) {
            KafkaAccess access = KafkaAccess.of(KubernetesManifests.REPOSITORY.resolve(service));
            Map<String, Set<String>> expected = new TreeMap<>();
            access.topicOperations().forEach((topic, operations) -> expected.put("topic " + topic, operations));
            access.groups().forEach(group -> expected.put("group " + group, Set.of("Read")));
            assertThat(acls(resource(resources, "KafkaUser", service))).as(service).isEqualTo(expected);
        }
        assertThat(ofKinds("KafkaUser").stream().map(StrimziOverlayTest::name))
                .containsExactlyInAnyOrderElementsOf(concat(SERVICES, "keda"));
    }

    @Test
    void theTrainingWorkersUserCanOnlyReadVariantsAndReport() {
        Map<String, Set<String>> training = acls(resource(resources, "KafkaUser", "training-service"));
        training.forEach((resource, operations) -> {
            if (operations.contains("Write")) {
                assertThat(resource).as("training writes only its reports")
                        .isIn("topic " + Topics.TRAINING_PROGRESS.name(), "topic " + Topics.TRAINING_RESULTS.name(),
                                "topic " + Topics.DEAD_LETTERS.name());
            }
        });
        assertThat(training).doesNotContainKeys("topic " + Topics.RUNS.name(), "topic " + Topics.INTERVENTIONS.name(),
                "topic " + Topics.APPROVALS.name(), "topic " + Topics.GENERATIONS.name());
        assertThat(training.get("topic " + Topics.VARIANTS.name())).containsExactly("Read");
    }

    @Test
    void aliasesOfAChannelAreDerivedAsSmallRyeReadsThem() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader("""
                mp.messaging.connector.smallrye-kafka.group.id=shared
                mp.messaging.incoming.a.connector=smallrye-kafka
                mp.messaging.incoming.a.topics=t1, t2
                mp.messaging.incoming.a.failure-strategy=dead-letter-queue
                mp.messaging.incoming.a.dead-letter-queue.topic=dlq
                mp.messaging.incoming.named-after-channel.connector=smallrye-kafka
                mp.messaging.incoming.named-after-channel.group.id=own
                mp.messaging.incoming.named-after-channel.failure-strategy=dead-letter-queue
                mp.messaging.outgoing.b-out.connector=smallrye-kafka
                mp.messaging.outgoing.b-out.topic=t3
                mp.messaging.outgoing.memory.connector=smallrye-in-memory
                """));
        KafkaAccess access = KafkaAccess.fromProperties(properties);
        assertThat(access.reads()).containsExactly("named-after-channel", "t1", "t2");
        assertThat(access.writes()).containsExactly("dead-letter-topic-named-after-channel", "dlq", "t3");
        assertThat(access.groups()).containsExactly("own", "shared");
        assertThat(KafkaAccess.followed("""
                new TopicFollower("x", kafka,
                        List.of(Topics.RUNS.name(), Topics.VARIANTS.name()), this::read);""".stripIndent()))
                .containsExactly(Topics.RUNS.name(), Topics.VARIANTS.name());
        assertThatThrownBy(() -> KafkaAccess.followed("new TopicFollower(\"x\", kafka, List.of(\"darwin.x\"), h);"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBareBrokerAndTheTopicsJobAreGone() {
        for (Map<String, Object> resource : resources) {
            assertThat(name(resource)).as(resource.get("kind") + " of the bare broker").isNotIn("kafka", "darwin-topics");
            for (Map<String, Object> container : "Deployment StatefulSet Job".contains(resource.get("kind").toString())
                    ? containers(podSpec(resource)) : List.<Map<String, Object>>of()) {
                assertThat(container.get("image").toString()).doesNotStartWith("apache/kafka")
                        .doesNotStartWith("darwin/tools");
            }
        }
        assertThat(at(resource(resources, "ConfigMap", "darwin-config"), "data", "KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(BOOTSTRAP);
    }

    @Test
    void everyServiceConnectsOverTlsAsItsOwnUser() {
        for (String service : SERVICES) {
            Map<String, Object> container = containers(podSpec(resource(resources, "Deployment", service))).get(0);
            assertThat(KubernetesManifests.environment(container, "KAFKA_SECURITY_PROTOCOL")).as(service)
                    .isEqualTo("SASL_SSL");
            assertThat(KubernetesManifests.environment(container, "KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
            assertThat(KubernetesManifests.environment(container, "KAFKA_SSL_TRUSTSTORE_TYPE")).isEqualTo("PEM");
            assertThat(secretRef(container, "KAFKA_SASL_JAAS_CONFIG")).as(service)
                    .isEqualTo(List.of(service, "sasl.jaas.config"));
            assertThat(secretRef(container, "KAFKA_SSL_TRUSTSTORE_CERTIFICATES")).as(service)
                    .isEqualTo(List.of("darwin-cluster-ca-cert", "ca.crt"));
        }
    }

    @Test
    void theNetworkLetsEachServiceAndKedaReachTheListenerOnly() {
        List<Map<String, Object>> policies = new ArrayList<>(ofKinds("NetworkPolicy"));
        policies.add(listenerPolicy());
        NetworkPolicies network = new NetworkPolicies(policies);
        Endpoint broker = Endpoint.pod("darwin-dual-role-0", NAMESPACE,
                Map.of("strimzi.io/cluster", "darwin", "strimzi.io/broker-role", "true", "strimzi.io/kind", "Kafka"));
        List<Endpoint> clients = new ArrayList<>();
        SERVICES.forEach(service -> clients.add(Endpoint.pod(service, NAMESPACE, Map.of("app", service))));
        clients.add(Endpoint.pod("keda", "keda", Map.of("app", "keda-operator")));
        for (Endpoint client : clients) {
            assertThat(network.allows(client, broker, "TCP", 9093)).as(client.name()).isTrue();
            assertThat(network.allows(client, broker, "TCP", 9092)).as(client.name() + " on another port").isFalse();
        }
        assertThat(network.allows(Endpoint.pod("other", "default", Map.of("app", "x")), broker, "TCP", 9093))
                .isFalse();
    }

    @Test
    void kedaReadsTheLagOverTlsAsAUserThatMayOnlyDescribe() {
        Map<String, Object> trigger = map(list(at(resource(resources, "ScaledObject", "training-service"), "spec",
                "triggers")).get(0));
        assertThat(at(trigger, "metadata", "bootstrapServers")).isEqualTo(BOOTSTRAP);
        Map<String, Object> authentication = resource(resources, "TriggerAuthentication",
                at(trigger, "authenticationRef", "name").toString());
        Map<String, List<String>> parameters = new TreeMap<>();
        list(at(authentication, "spec", "secretTargetRef")).forEach(entry -> parameters.put(
                map(entry).get("parameter").toString(), List.of(map(entry).get("name").toString(),
                        map(entry).get("key").toString())));
        assertThat(parameters).containsEntry("password", List.of("keda", "password"))
                .containsEntry("ca", List.of("darwin-cluster-ca-cert", "ca.crt"));
        Map<String, Object> generated = map(at(resource(resources, "Secret", "keda-kafka"), "data"));
        for (String parameter : List.of("sasl", "tls", "username")) {
            assertThat(parameters.get(parameter)).isEqualTo(List.of("keda-kafka", parameter));
            assertThat(generated).containsKey(parameter);
        }
        assertThat(acls(resource(resources, "KafkaUser", "keda"))).isEqualTo(Map.of(
                "topic " + at(trigger, "metadata", "topic"), Set.of("Describe"),
                "group " + at(trigger, "metadata", "consumerGroup"), Set.of("Describe")));
    }

    /** The policy Strimzi writes for the listener: its port, from the listener's networkPolicyPeers. */
    private static Map<String, Object> listenerPolicy() {
        Map<String, Object> listener = map(list(at(kafka, "spec", "kafka", "listeners")).get(0));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("kind", "NetworkPolicy");
        policy.put("metadata", Map.of("name", "darwin-network-policy-kafka", "namespace", NAMESPACE));
        policy.put("spec", Map.of("podSelector", Map.of("matchLabels", Map.of("strimzi.io/cluster", "darwin")),
                "policyTypes", List.of("Ingress"),
                "ingress", List.of(Map.of("from", listener.get("networkPolicyPeers"),
                        "ports", List.of(Map.of("protocol", "TCP", "port", listener.get("port")))))));
        return policy;
    }

    /** A KafkaUser's ACLs as "type name" to operations; only literal names, on topics and groups, at any host. */
    static Map<String, Set<String>> acls(Map<String, Object> user) {
        assertThat(at(user, "spec", "authentication", "type")).isEqualTo("scram-sha-512");
        assertThat(at(user, "spec", "authorization", "type")).isEqualTo("simple");
        Map<String, Set<String>> acls = new TreeMap<>();
        for (Object entry : list(at(user, "spec", "authorization", "acls"))) {
            Map<String, Object> acl = map(entry);
            Map<String, Object> resource = map(acl.get("resource"));
            assertThat(resource.get("patternType")).as(name(user)).isEqualTo("literal");
            assertThat(resource.get("type")).as(name(user)).isIn("topic", "group");
            assertThat(acl.getOrDefault("type", "allow")).isEqualTo("allow");
            acls.computeIfAbsent(resource.get("type") + " " + resource.get("name"), key -> new TreeSet<>())
                    .addAll(Yamls.strings(acl.get("operations")));
        }
        return acls;
    }

    private static List<String> secretRef(Map<String, Object> container, String variable) {
        for (Object entry : list(container.get("env"))) {
            if (variable.equals(map(entry).get("name"))) {
                Map<String, Object> reference = map(at(entry, "valueFrom", "secretKeyRef"));
                return List.of(reference.get("name").toString(), reference.get("key").toString());
            }
        }
        return null;
    }

    private static List<Map<String, Object>> ofKinds(String... kinds) {
        return resources.stream().filter(resource -> List.of(kinds).contains(resource.get("kind"))).toList();
    }

    private static String name(Map<String, Object> resource) {
        return String.valueOf(at(resource, "metadata", "name"));
    }

    private static List<String> concat(List<String> names, String name) {
        List<String> all = new ArrayList<>(names);
        all.add(name);
        return all;
    }
}
