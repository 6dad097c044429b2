package ai.darwin.events;

import static ai.darwin.events.ContractResources.ASYNCAPI;
import static ai.darwin.events.ContractResources.golden;
import static ai.darwin.events.ContractResources.parse;
import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.ContractResources.Target;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaLocation;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The AsyncAPI document describes every topic and every event of the contract, and all its links hold. */
class AsyncApiDocumentTest {

    private static final JsonNode DOCUMENT = ContractResources.tree(ASYNCAPI);

    @Test
    void isAnAsyncApi3DocumentForTheLocalBroker() {
        assertThat(DOCUMENT.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(DOCUMENT.at("/info/version").asText()).isEqualTo("1.0.0");
        assertThat(DOCUMENT.at("/servers/local/host").asText()).isEqualTo("127.0.0.1:9092");
        assertThat(DOCUMENT.at("/servers/local/protocol").asText()).isEqualTo("kafka");
    }

    /** A subscriber finds the broker wherever Darwin runs: ./darwin, Compose from the host, Kubernetes, or secured. */
    @Test
    void serversCoverComposeKubernetesAndASecuredBroker() {
        assertThat(DOCUMENT.at("/servers/compose/host").asText()).isEqualTo("localhost:19092");
        assertThat(DOCUMENT.at("/servers/kubernetes/host").asText()).isEqualTo("kafka.darwin.svc:9092");
        assertThat(DOCUMENT.at("/servers/secured/protocol").asText()).isEqualTo("kafka-secure");
        assertThat(DOCUMENT.at("/servers/secured/host").asText()).isEqualTo("{bootstrap}");
        assertThat(DOCUMENT.at("/servers/secured/variables/bootstrap/description").asText()).isNotBlank();

        Set<String> schemeTypes = new HashSet<>();
        DOCUMENT.at("/servers/secured/security").forEach(ref -> schemeTypes.add(
                resolveInDocument(ref).path("type").asText()));
        assertThat(schemeTypes).containsExactlyInAnyOrder("scramSha512", "plain", "X509");
    }

    /** Each message's example is its golden sample, with the CloudEvents headers a producer would send with it. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyMessageExampleIsItsGoldenSample(EventType type) {
        JsonNode examples = DOCUMENT.at("/components/messages/" + type.typeName() + "/examples");
        JsonNode golden = parse(golden(type));

        assertThat(examples.size()).as(type.typeName()).isEqualTo(1);
        JsonNode example = examples.get(0);
        assertThat(example.path("payload"))
                .as("examples of %s differ from golden/%s.json: copy it into asyncapi.yaml", type.typeName(),
                        type.typeName())
                .isEqualTo(golden);
        JsonNode headers = example.path("headers");
        assertThat(headers.path("ce_specversion").asText()).isEqualTo("1.0");
        assertThat(headers.path("ce_id").asText()).isEqualTo(golden.path("eventId").asText());
        assertThat(headers.path("ce_type").asText()).isEqualTo(type.cloudEventType());
        assertThat(headers.path("ce_source").asText()).startsWith(EventType.SOURCE_PREFIX);
        assertThat(headers.path("ce_time").asText()).isEqualTo(golden.path("timestamp").asText());
        assertThat(headers.path("ce_subject").asText()).isEqualTo(golden.path(type.topic().key()).asText());
        assertThat(headers.path("content-type").asText()).isEqualTo("application/json");
    }

    @Test
    void descriptionTellsASubscriberHowToReadTheTopics() {
        assertThat(DOCUMENT.at("/info/description").asText()).contains(
                "CloudEvents 1.0", "ce_specversion", "ce_id", "eventId", "ce_type", "ce_source",
                EventType.SOURCE_PREFIX, "ce_time", "application/json", "at least once", "deduplicate",
                "tolerant reader", "dead-letter-reason", "dead-letter-cause", "dead-letter-topic",
                "dead-letter-partition", "dead-letter-offset");
    }

    @Test
    void everyTopicHasAChannelWithItsPartitionsAndKey() {
        for (Topic topic : Topics.ALL) {
            JsonNode channel = channelOf(topic);
            assertThat(channel.at("/bindings/kafka/topic").asText()).as(topic.name()).isEqualTo(topic.name());
            assertThat(channel.at("/bindings/kafka/partitions").asInt()).as(topic.name())
                    .isEqualTo(topic.partitions());
            assertThat(channel.path("description").asText()).as(topic.name())
                    .contains(topic.partitions() + " partitions", "key " + topic.key());
        }
        Set<String> addresses = StreamSupport.stream(DOCUMENT.path("channels").spliterator(), false)
                .map(channel -> channel.path("address").asText()).collect(Collectors.toSet());
        assertThat(addresses).isEqualTo(Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventHasAMessageOnItsTopicsChannel(EventType type) {
        JsonNode message = DOCUMENT.at("/components/messages/" + type.typeName());
        JsonNode onChannel = channelOf(type.topic()).at("/messages/" + type.typeName());

        assertThat(message.isObject()).as("message %s", type.typeName()).isTrue();
        assertThat(onChannel.path("$ref").asText()).isEqualTo("#/components/messages/" + type.typeName());
        assertThat(message.at("/payload/$ref").asText()).isEqualTo("./schemas/" + type.typeName() + ".schema.json");
        assertThat(ceTypeConst(message.path("headers"))).isEqualTo(type.cloudEventType());

        JsonNode key = resolveInDocument(message.at("/bindings/kafka/key"));
        assertThat(key.path("type").asText()).isEqualTo("string");
        assertThat(key.path("description").asText()).contains(type.topic().key());
    }

    @Test
    void everyChannelHasAReceiveOperationForAllItsMessages() {
        Map<String, JsonNode> operationsByChannel = new HashMap<>();
        DOCUMENT.path("operations").forEach(operation -> {
            assertThat(operation.path("action").asText()).isEqualTo("receive");
            operationsByChannel.put(operation.at("/channel/$ref").asText(), operation);
        });
        DOCUMENT.path("channels").fieldNames().forEachRemaining(name -> {
            JsonNode operation = operationsByChannel.get("#/channels/" + name);
            assertThat(operation).as("receive operation of channel %s", name).isNotNull();
            Set<String> channelMessages = new HashSet<>();
            DOCUMENT.at("/channels/" + name + "/messages").fieldNames()
                    .forEachRemaining(message -> channelMessages.add("#/channels/" + name + "/messages/" + message));
            Set<String> operationMessages = StreamSupport.stream(operation.path("messages").spliterator(), false)
                    .map(ref -> ref.path("$ref").asText()).collect(Collectors.toSet());
            assertThat(operationMessages).as(name).isEqualTo(channelMessages);
        });
    }

    @Test
    void deadLetterMessageDocumentsItsHeaders() {
        JsonNode headers = DOCUMENT.at("/components/messages/DeadLetter/headers/properties");

        for (String header : List.of("dead-letter-reason", "dead-letter-cause", "dead-letter-topic",
                "dead-letter-partition", "dead-letter-offset")) {
            assertThat(headers.at("/" + header + "/description").asText()).as(header).isNotBlank();
        }
        assertThat(DOCUMENT.at("/components/messages/DeadLetter/payload/description").asText()).isNotBlank();
    }

    /** Follows every {@code $ref} from the document, into the schema files and on through theirs. */
    @Test
    void everyRefResolves() {
        List<String> broken = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Deque<String> documents = new ArrayDeque<>(List.of(ASYNCAPI));
        while (!documents.isEmpty()) {
            String document = documents.pop();
            if (!visited.add(document)) {
                continue;
            }
            for (String ref : refsIn(ContractResources.tree(document))) {
                Target target = ContractResources.resolve(document, ref, ContractResources::tree);
                if (target.node().isMissingNode()) {
                    broken.add(document + ": " + ref);
                } else {
                    documents.push(target.document());
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(visited).contains(ContractResources.COMMON_SCHEMA);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyMessagePayloadValidatesItsGoldenSample(EventType type) {
        String payloadRef = DOCUMENT.at("/components/messages/" + type.typeName() + "/payload/$ref").asText();
        String schemaId = URI.create(ContractResources.BASE_URI + "asyncapi.yaml").resolve(payloadRef).normalize()
                .toString();

        var errors = ContractResources.SCHEMAS.getSchema(SchemaLocation.of(schemaId)).validate(parse(golden(type)));

        assertThat(errors).as("%s against %s", type.typeName(), schemaId).isEmpty();
    }

    private static JsonNode channelOf(Topic topic) {
        return StreamSupport.stream(DOCUMENT.path("channels").spliterator(), false)
                .filter(channel -> channel.path("address").asText().equals(topic.name()))
                .findFirst().orElseThrow(() -> new AssertionError("no channel with address " + topic.name()));
    }

    /** The ce_type const of a headers schema, declared directly or in one of its allOf parts. */
    private static String ceTypeConst(JsonNode headers) {
        List<JsonNode> parts = new ArrayList<>(List.of(headers));
        headers.path("allOf").forEach(parts::add);
        return parts.stream().map(part -> part.at("/properties/ce_type/const"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).findFirst().orElse(null);
    }

    private static JsonNode resolveInDocument(JsonNode node) {
        return node.has("$ref") ? ContractResources.resolve(ASYNCAPI, node.get("$ref").asText(),
                ContractResources::tree).node() : node;
    }

    private static List<String> refsIn(JsonNode node) {
        List<String> refs = new ArrayList<>();
        if (node.isObject() && node.path("$ref").isTextual()) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> refs.addAll(refsIn(child)));
        return refs;
    }
}
