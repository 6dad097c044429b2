package ai.darwin.events;

import static ai.darwin.events.ContractResources.golden;
import static ai.darwin.events.ContractResources.parse;
import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.run.RunRequested;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each event's JSON Schema, its golden sample, its record and the codec agree with one another. */
class ContractSchemaTest {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenSampleValidatesAgainstItsSchema(EventType type) {
        List<Error> errors = ContractResources.schemaOf(type).validate(parse(golden(type)));

        assertThat(errors).as("%s against %s", ContractResources.goldenResource(type), type.schemaResource())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRejectsAMissingRequiredFieldAnUnknownFieldAndAnotherType(EventType type) {
        Schema schema = ContractResources.schemaOf(type);
        ObjectNode sample = (ObjectNode) parse(golden(type));

        ObjectNode missing = sample.deepCopy();
        missing.remove("eventId");
        ObjectNode extra = sample.deepCopy();
        extra.put("unexpected", 1);
        ObjectNode otherType = sample.deepCopy();
        otherType.put("type", "SomethingElse");

        assertThat(schema.validate(missing)).isNotEmpty();
        assertThat(schema.validate(extra)).isNotEmpty();
        assertThat(schema.validate(otherType)).isNotEmpty();
    }

    @Test
    void nestedObjectsAreValidatedThroughTheCommonSchema() {
        Schema schema = ContractResources.schemaOf(EventType.RUN_REQUESTED);
        ObjectNode outOfRange = (ObjectNode) parse(golden(EventType.RUN_REQUESTED));
        ((ObjectNode) outOfRange.at("/config/dataset")).put("validationFraction", 1.5);
        ObjectNode unknownNested = (ObjectNode) parse(golden(EventType.RUN_REQUESTED));
        ((ObjectNode) unknownNested.at("/config/selection")).put("mutationRate", 0.3);
        ObjectNode badTimestamp = (ObjectNode) parse(golden(EventType.RUN_REQUESTED));
        badTimestamp.put("timestamp", "yesterday");

        assertThat(schema.validate(outOfRange)).extracting(Error::toString)
                .anySatisfy(error -> assertThat(error).contains("validationFraction"));
        assertThat(schema.validate(unknownNested)).extracting(Error::toString)
                .anySatisfy(error -> assertThat(error).contains("mutationRate"));
        assertThat(schema.validate(badTimestamp)).extracting(Error::toString)
                .anySatisfy(error -> assertThat(error).contains("timestamp"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenSampleSurvivesTheCodecUnchanged(EventType type) {
        String sample = golden(type);

        DarwinEvent event = EventCodec.read(sample, type.recordType());

        assertThat(event).isInstanceOf(type.recordType());
        assertThat(parse(EventCodec.write(event))).isEqualTo(parse(sample));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenSampleShowsEveryFieldOptionalOnesIncluded(EventType type) {
        JsonNode sample = parse(golden(type));

        assertThat(sample.path("type").asText()).isEqualTo(type.typeName());
        assertThat(SampleCoverage.absentFields(type.recordType(), List.of(sample), type.typeName())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaDescribesExactlyTheRecord(EventType type) {
        List<String> differences = SchemaRecordChecker.checkEvent(
                type.recordType(), type.schemaResource(), ContractResources::tree);

        assertThat(differences).as("%s against %s", type.recordType().getName(), type.schemaResource()).isEmpty();
    }

    @Test
    void everyEventTypeHasASchemaAndEverySchemaBelongsToAnEventType() throws Exception {
        Set<String> expected = Arrays.stream(EventType.values()).map(EventType::schemaResource)
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add(ContractResources.COMMON_SCHEMA);

        assertThat(filesUnder("contract/schemas")).isEqualTo(expected);
    }

    @Test
    void everyEventTypeHasAGoldenSampleAndEverySampleBelongsToAnEventType() throws Exception {
        Set<String> expected = Arrays.stream(EventType.values()).map(ContractResources::goldenResource)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(filesUnder("golden")).isEqualTo(expected);
    }

    @Test
    void everySchemaIsADraft202012SchemaWithItsOwnId() throws Exception {
        Schema metaSchema = ContractResources.SCHEMAS.getSchema(SchemaLocation.of(DRAFT_2020_12));

        for (String resource : filesUnder("contract/schemas")) {
            JsonNode schema = ContractResources.tree(resource);
            assertThat(metaSchema.validate(schema)).as(resource).isEmpty();
            assertThat(schema.path("$schema").asText()).as(resource).isEqualTo(DRAFT_2020_12);
            assertThat(schema.path("$id").asText()).as(resource)
                    .isEqualTo(ContractResources.BASE_URI + resource.substring("contract/".length()));
        }
    }

    // The checker is only worth its green bar if it goes red on a mismatch: these prove that it does.

    private enum Colour { RED, GREEN }

    private record Part(long size) {
    }

    private record Probe(String name, @Nullable Integer count, Colour colour, List<Part> parts) {
    }

    private static final String PROBE_SCHEMA = """
            {
              "type": "object", "additionalProperties": false,
              "required": ["type", "name", "colour", "parts"],
              "properties": {
                "type": {"type": "string", "const": "Probe", "description": "d"},
                "name": {"type": "string", "description": "d"},
                "count": {"type": "integer", "description": "d"},
                "colour": {"enum": ["RED", "GREEN"], "description": "d"},
                "parts": {"type": "array", "items": {"$ref": "#/$defs/Part"}, "description": "d"}
              },
              "$defs": {
                "Part": {
                  "type": "object", "additionalProperties": false, "required": ["size"],
                  "properties": {"size": {"type": "integer", "description": "d"}}
                }
              }
            }
            """;

    private static final String WRONG_PROBE_SCHEMA = """
            {
              "type": "object", "additionalProperties": false,
              "required": ["type", "name", "count", "parts"],
              "properties": {
                "type": {"type": "string", "const": "Prob", "description": "d"},
                "name": {"type": "integer"},
                "count": {"type": "integer", "description": "d"},
                "colour": {"enum": ["RED", "BLUE"], "description": "d"},
                "parts": {"type": "array", "items": {"$ref": "#/$defs/Part"}, "description": "d"},
                "weight": {"type": "number", "description": "d"}
              },
              "$defs": {
                "Part": {
                  "type": "object", "required": ["size"],
                  "properties": {"length": {"type": "integer", "description": "d"}}
                }
              }
            }
            """;

    @Test
    void checkerAcceptsASchemaThatMatchesTheRecord() {
        assertThat(SchemaRecordChecker.checkEvent(Probe.class, "probe.schema.json",
                Map.of("probe.schema.json", parse(PROBE_SCHEMA))::get)).isEmpty();
    }

    @Test
    void checkerReportsEveryDifferenceBetweenARecordAndAWrongSchema() {
        List<String> differences = SchemaRecordChecker.checkEvent(Probe.class, "probe.schema.json",
                Map.of("probe.schema.json", parse(WRONG_PROBE_SCHEMA))::get);

        assertThat(differences).containsExactlyInAnyOrder(
                "Probe: properties have extra [weight]",
                "Probe: required lack [colour]",
                "Probe: required have extra [count]",
                "Probe.type: const is \"Prob\", expected \"Probe\"",
                "Probe.name: no description",
                "Probe.name: type is integer, expected string",
                "Probe.colour: enum is [RED, BLUE], Java Colour is [RED, GREEN]",
                "Probe.parts[]: additionalProperties is not false",
                "Probe.parts[]: properties lack [size]",
                "Probe.parts[]: properties have extra [length]");
    }

    @Test
    void checkerNoticesAComponentMissingFromTheSharedDefinitions() {
        Function<String, JsonNode> withoutSha256 = resource -> {
            JsonNode tree = ContractResources.tree(resource);
            if (resource.equals(ContractResources.COMMON_SCHEMA)) {
                ((ObjectNode) tree.at("/$defs/DatasetSpec/properties")).remove("sha256");
            }
            return tree;
        };

        assertThat(SchemaRecordChecker.checkEvent(RunRequested.class,
                EventType.RUN_REQUESTED.schemaResource(), withoutSha256))
                .containsExactly("RunRequested.config.dataset: properties lack [sha256]");
    }

    private static Set<String> filesUnder(String directory) throws IOException, URISyntaxException {
        Path root = Path.of(ContractSchemaTest.class.getClassLoader().getResource(directory).toURI());
        try (Stream<Path> files = Files.list(root)) {
            return files.map(file -> directory + "/" + file.getFileName())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
