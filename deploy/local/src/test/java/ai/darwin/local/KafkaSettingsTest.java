package ai.darwin.local;

import static ai.darwin.local.KubernetesManifests.containers;
import static ai.darwin.local.KubernetesManifests.podSpec;
import static ai.darwin.local.KubernetesManifests.resource;
import static ai.darwin.local.Yamls.at;
import static ai.darwin.local.Yamls.list;
import static ai.darwin.local.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.platform.kafka.TopicProvisioner.Layout;
import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Bootstrap, TLS and SASL are settings: each overlay's environment variables, given to a service the way Kubernetes
 * gives them (literals, darwin-config, Secrets), become its Kafka clients' settings through Quarkus's own mapping
 * (the class that builds the services' "default-kafka-broker" configuration, over the service's
 * application.properties), and the Kafka clients accept them; the topics Job reads the same variables.
 */
class KafkaSettingsTest {

    /** A PEM certificate's shape, several lines, as a Secret's ca.crt holds it. */
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\nAAAA\n-----END CERTIFICATE-----\n";

    @Test
    void eachServiceOfEachOverlayGivesItsKafkaClientsTheClustersTlsAndSasl() throws IOException {
        for (Path overlay : KubernetesManifests.overlays()) {
            List<Map<String, Object>> resources = Kustomize.render(overlay);
            Map<String, Object> config = map(at(resource(resources, "ConfigMap", "darwin-config"), "data"));
            for (String service : StrimziOverlayTest.SERVICES) {
                String as = overlay.getFileName() + " " + service;
                Map<String, String> environment = environment(
                        containers(podSpec(resource(resources, "Deployment", service))).get(0), config);
                Map<String, Object> kafka = quarkusKafkaSettings(service, environment);
                assertThat(kafka).as(as).containsEntry("bootstrap.servers", config.get("KAFKA_BOOTSTRAP_SERVERS"))
                        .containsEntry("security.protocol", "SASL_SSL")
                        .containsEntry("sasl.mechanism", environment.get("KAFKA_SASL_MECHANISM"))
                        .containsEntry("sasl.jaas.config", environment.get("KAFKA_SASL_JAAS_CONFIG"));
                assertThat(environment.get("KAFKA_SASL_JAAS_CONFIG")).as(as).startsWith("secret ");
                if (environment.containsKey("KAFKA_SSL_TRUSTSTORE_CERTIFICATES")) {
                    assertThat(kafka).as(as).containsEntry("ssl.truststore.type", "PEM")
                            .containsEntry("ssl.truststore.certificates", PEM);
                }
                accepted(kafka);
            }
        }
    }

    @Test
    void theTopicsJobReadsTheSameVariablesAndItsLayoutFromDarwinConfig() throws IOException {
        Map<String, Object> base = map(at(resource(KubernetesManifests.render(List.of()), "ConfigMap", "darwin-config"),
                "data"));
        Map<String, Object> baseJob = containers(podSpec(resource(KubernetesManifests.render(List.of()), "Job",
                "darwin-topics"))).get(0);
        assertThat(ProvisionTopics.layout(options(baseJob), environment(baseJob, base)))
                .isEqualTo(new Layout((short) 1, 1, Map.of()));

        List<Map<String, Object>> managed = Kustomize.render(KubernetesManifests.OVERLAYS_ROOT.resolve("managed-kafka"));
        Map<String, Object> config = map(at(resource(managed, "ConfigMap", "darwin-config"), "data"));
        Map<String, Object> job = containers(podSpec(resource(managed, "Job", "darwin-topics"))).get(0);
        Map<String, String> environment = environment(job, config);
        Map<String, Object> client = ProvisionTopics.client(options(job), environment);
        assertThat(client).containsEntry("bootstrap.servers", config.get("KAFKA_BOOTSTRAP_SERVERS"))
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "secret darwin-kafka/darwin-topics");
        new AdminClientConfig(client);
        assertThat(ProvisionTopics.layout(options(job), environment)).isEqualTo(new Layout((short) 3, 2, Map.of()));
    }

    /** What Quarkus hands a service's Kafka clients, given its application.properties and this environment. */
    static Map<String, Object> quarkusKafkaSettings(String service, Map<String, String> environment)
            throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(KubernetesManifests.REPOSITORY.resolve(service)
                .resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(values, "application.properties", 250),
                        new EnvConfigSource(environment, 300))
                .build();
        return new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(config, new ApplicationConfig() {
            @Override
            public Optional<String> name() {
                return Optional.of(service);
            }

            @Override
            public Optional<String> version() {
                return Optional.empty();
            }

            @Override
            public Optional<String> uiHeader() {
                return Optional.empty();
            }
        });
    }

    /** The Kafka clients validate their settings' names and values as they are built. */
    private static void accepted(Map<String, Object> kafka) {
        Map<String, Object> consumer = new HashMap<>(kafka);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        new ConsumerConfig(consumer);
        Map<String, Object> producer = new HashMap<>(kafka);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        new ProducerConfig(producer);
    }

    /**
     * A container's environment as Kubernetes builds it: darwin-config's keys where it takes them all, its literals,
     * a ConfigMap key's value, a Secret's key as "secret name/key" (a CA certificate as a PEM).
     */
    static Map<String, String> environment(Map<String, Object> container, Map<String, Object> config) {
        Map<String, String> environment = new HashMap<>();
        for (Object source : list(container.getOrDefault("envFrom", List.of()))) {
            if ("darwin-config".equals(at(source, "configMapRef", "name"))) {
                config.forEach((key, value) -> environment.put(key, value.toString()));
            }
        }
        for (Object entry : list(container.getOrDefault("env", List.of()))) {
            Map<String, Object> variable = map(entry);
            String name = variable.get("name").toString();
            if (variable.containsKey("value")) {
                environment.put(name, variable.get("value").toString());
            } else if (at(variable, "valueFrom", "configMapKeyRef") != null) {
                environment.put(name, config.get(at(variable, "valueFrom", "configMapKeyRef", "key")).toString());
            } else if (at(variable, "valueFrom", "secretKeyRef") != null) {
                Object key = at(variable, "valueFrom", "secretKeyRef", "key");
                environment.put(name, "ca.crt".equals(key) ? PEM
                        : "secret " + at(variable, "valueFrom", "secretKeyRef", "name") + "/" + key);
            }
        }
        return environment;
    }

    private static Options options(Map<String, Object> container) {
        return Options.parse(Yamls.strings(container.get("args")).toArray(String[]::new));
    }
}
