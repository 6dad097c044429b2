package ai.darwin.events;

import static ai.darwin.events.ContractResources.ASYNCAPI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document is valid AsyncAPI 3.0.0 by the specification's own JSON Schema (the AsyncAPI Initiative's
 * {@code @asyncapi/specs}, kept as a test resource so that the check runs offline; see its NOTICE). What this
 * schema cannot see (links between parts, the golden samples) is {@link AsyncApiDocumentTest}'s.
 *
 * <p>The Kafka keys' references are inlined first, as the AsyncAPI parser dereferences before it validates: the
 * specification's schema cannot tell a Reference Object from a Schema Object that uses {@code $ref}, so a key
 * {@code {$ref: '#/components/schemas/RunKey'}} matches both arms of its {@code oneOf} and fails it.
 */
class AsyncApiSpecificationTest {

    private static final Schema ASYNCAPI_3_0_0 = SchemaRegistry.withDialect(Dialects.getDraft7())
            .getSchema(ContractResources.tree("asyncapi-3.0.0.schema.json"));

    @Test
    void documentIsValidAsyncApi300() {
        assertThat(errors(ContractResources.tree(ASYNCAPI))).isEmpty();
    }

    /** The schema is not vacuous: a server without a protocol and a security scheme of no known type fail it. */
    @Test
    void brokenDocumentsAreRejected() {
        ObjectNode noProtocol = ContractResources.tree(ASYNCAPI).deepCopy();
        ((ObjectNode) noProtocol.at("/servers/compose")).remove("protocol");
        ObjectNode unknownScheme = ContractResources.tree(ASYNCAPI).deepCopy();
        ((ObjectNode) unknownScheme.at("/components/securitySchemes/saslScram")).put("type", "kerberos-ish");
        ObjectNode exampleOfNoObject = ContractResources.tree(ASYNCAPI).deepCopy();
        ((ObjectNode) exampleOfNoObject.at("/components/messages/TrainingCompleted")).put("examples", "golden");

        assertThat(errors(noProtocol)).isNotEmpty();
        assertThat(errors(unknownScheme)).isNotEmpty();
        assertThat(errors(exampleOfNoObject)).isNotEmpty();
    }

    private static List<Error> errors(JsonNode document) {
        return ASYNCAPI_3_0_0.validate(withKafkaKeysInlined(document));
    }

    /** The document with each message's Kafka key schema in place of its {@code #/...} reference. */
    private static JsonNode withKafkaKeysInlined(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.at("/components/messages").forEach(message -> {
            JsonNode kafka = message.at("/bindings/kafka");
            String ref = kafka.at("/key/$ref").asText();
            if (ref.startsWith("#/")) {
                JsonNode target = document.at(ref.substring(1));
                assertThat(target.isMissingNode()).as("target of %s", ref).isFalse();
                ((ObjectNode) kafka).set("key", target.deepCopy());
            }
        });
        return copy;
    }
}
