package ai.darwin.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The contract files as the tests see them: loaded from the classpath, never from the network. The schemas'
 * {@code $id}s live under {@link #BASE_URI}, which the schema registry maps to {@code classpath:contract/}.
 */
final class ContractResources {

    /** Where the contract files claim to live; relative {@code $ref}s resolve against it. */
    static final String BASE_URI = "https://darwin.ai/contract/";
    static final String ASYNCAPI = "contract/asyncapi.yaml";
    static final String COMMON_SCHEMA = "contract/schemas/common.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(Dialects.getDraft202012(), builder -> builder
            .schemaIdResolvers(resolvers -> resolvers.mapPrefix(BASE_URI, "classpath:contract/"))
            // format is only an annotation in 2020-12 by default; the contract promises ISO-8601 date-times
            .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private ContractResources() {
    }

    /** The schema at a classpath path such as {@code contract/schemas/RunStarted.schema.json}, by its {@code $id}. */
    static Schema schema(String resource) {
        return SCHEMAS.getSchema(SchemaLocation.of(BASE_URI + resource.substring("contract/".length())));
    }

    static Schema schemaOf(EventType type) {
        return schema(type.schemaResource());
    }

    static boolean exists(String resource) {
        return ContractResources.class.getClassLoader().getResource(resource) != null;
    }

    /** A JSON or YAML classpath resource as a tree, or null when there is none. */
    static JsonNode tree(String resource) {
        try (InputStream in = ContractResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return (resource.endsWith(".yaml") ? YAML : JSON).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + resource, e);
        }
    }

    static String text(String resource) {
        try (InputStream in = ContractResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String goldenResource(EventType type) {
        return "golden/" + type.typeName() + ".json";
    }

    static String golden(EventType type) {
        return text(goldenResource(type));
    }

    /** The classpath path a {@code $ref}'s document part names, relative to the referring document. */
    static String resolveDocument(String referrer, String documentPart) {
        return documentPart.isEmpty() ? referrer : URI.create(referrer).resolve(documentPart).normalize().toString();
    }

    /** A {@code $ref}'s target: the document it lies in and the node, or a missing node. */
    record Target(String document, JsonNode node) {
    }

    /**
     * Resolves {@code ref} as written in {@code referrer} (a classpath path) with the given document loader.
     * The node is a missing node when the document or the JSON pointer does not exist.
     */
    static Target resolve(String referrer, String ref, Function<String, JsonNode> documents) {
        int hash = ref.indexOf('#');
        String document = resolveDocument(referrer, hash < 0 ? ref : ref.substring(0, hash));
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        JsonNode root = documents.apply(document);
        return new Target(document, root == null ? MissingNode.getInstance() : root.at(pointer));
    }
}
