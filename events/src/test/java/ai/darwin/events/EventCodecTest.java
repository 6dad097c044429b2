package ai.darwin.events;

import static ai.darwin.events.ContractResources.golden;
import static ai.darwin.events.ContractResources.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunEvent;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.variant.VariantProposed;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The codec's tolerant but strict reading: unknown fields pass, malformed events fail with a precise reason. */
class EventCodecTest {

    static Stream<Arguments> malformedPayloads() {
        return Stream.of(
                Arguments.of("not JSON", "this is not JSON", RunStarted.class, "not a valid RunStarted"),
                Arguments.of("truncated JSON", golden(EventType.RUN_STARTED).substring(0, 40), RunStarted.class,
                        "not a valid RunStarted"),
                Arguments.of("empty", "", RunStarted.class, "empty payload"),
                Arguments.of("blank", "  \n", RunStarted.class, "empty payload"),
                Arguments.of("JSON null", "null", RunStarted.class, "null payload"),
                Arguments.of("missing eventId", runStarted(event -> event.remove("eventId")), RunStarted.class,
                        "missing or blank required field 'eventId'"),
                Arguments.of("blank runId", runStarted(event -> event.put("runId", " ")), RunStarted.class,
                        "missing or blank required field 'runId'"),
                Arguments.of("missing type", runStarted(event -> event.remove("type")), RunStarted.class,
                        "missing type id property 'type'"),
                Arguments.of("unknown type", runStarted(event -> event.put("type", "RunExploded")), RunEvent.class,
                        "RunExploded"),
                Arguments.of("schemaVersion 2", runStarted(event -> event.put("schemaVersion", 2)), RunStarted.class,
                        "unsupported schemaVersion 2"),
                Arguments.of("wrong enum value", runCompleted(event -> event.put("outcome", "EXPLODED")),
                        RunCompleted.class, "EXPLODED"),
                Arguments.of("enum as a number", runCompleted(event -> event.put("outcome", 1)),
                        RunCompleted.class, "RunOutcome"),
                Arguments.of("another event's type", runStarted(event -> event.put("type", "RunPaused")),
                        RunStarted.class, "RunPaused"),
                Arguments.of("null for a primitive", runCompleted(event -> event.putNull("generationsCompleted")),
                        RunCompleted.class, "at 'generationsCompleted'"),
                Arguments.of("missing primitive", runCompleted(event -> event.remove("generationsCompleted")),
                        RunCompleted.class, "at 'generationsCompleted'"),
                Arguments.of("a flagged verification that claims an improvement",
                        runCompleted(event -> ((ObjectNode) event.get("verification")).put("improved", true)),
                        RunCompleted.class, "'improved' must be false when a sanity gate held a re-training"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPayloads")
    void malformedPayloadFailsWithAOneLineReason(String problem, String payload,
                                                  Class<? extends DarwinEvent> type, String reason) {
        assertThatThrownBy(() -> EventCodec.read(payload, type))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        String withExtras = runStarted(event -> {
            event.put("addedInALaterRelease", "ignored");
            event.putObject("nested").put("also", true);
        });

        RunStarted event = EventCodec.read(withExtras, RunStarted.class);

        assertThat(event).isEqualTo(EventCodec.read(golden(EventType.RUN_STARTED), RunStarted.class));
    }

    @Test
    void aTopicFamilyReadsEachOfItsEventsByTheirType() {
        RunEvent event = EventCodec.read(golden(EventType.RUN_COMPLETED), RunEvent.class);

        assertThat(event).isInstanceOf(RunCompleted.class);
    }

    @Test
    void writingOmitsAbsentOptionalFields() {
        RunCompleted full = EventCodec.read(golden(EventType.RUN_COMPLETED), RunCompleted.class);
        RunCompleted bare = new RunCompleted(full.eventId(), full.schemaVersion(), full.runId(), full.timestamp(),
                full.outcome(), full.generationsCompleted(), null, null, full.costUsd());

        assertThat(parse(EventCodec.write(bare)).has("championVariantId")).isFalse();
        assertThat(parse(EventCodec.write(bare)).has("verification")).isFalse();
    }

    @Test
    void budgetsWrittenBeforeTheSmokeStepReadAsNoSmokeStep() {
        String variantBefore = changed(EventType.VARIANT_PROPOSED, event ->
                ((ObjectNode) event.get("budget")).remove("smokeSteps"));
        String requestBefore = changed(EventType.RUN_REQUESTED, event ->
                ((ObjectNode) event.at("/config/budget")).remove("smokeSteps"));

        VariantProposed variant = EventCodec.read(variantBefore, VariantProposed.class);
        RunRequested request = EventCodec.read(requestBefore, RunRequested.class);
        VariantProposed golden = EventCodec.read(golden(EventType.VARIANT_PROPOSED), VariantProposed.class);

        assertThat(variant.budget().smokeSteps()).isNull();
        assertThat(variant.budget().smokeStepsOrNone()).isZero();
        assertThat(request.config().budget().smokeStepsOrNone()).isZero();
        assertThat(parse(EventCodec.write(variant)).at("/budget").has("smokeSteps")).isFalse();
        assertThat(golden.budget().smokeStepsOrNone()).isEqualTo(5);
        // a budget changed while the run goes keeps its smoke step
        assertThat(golden.budget().withLimits(1000, 0).smokeSteps()).isEqualTo(5);
    }

    @Test
    void eventsWrittenBeforeTheSanityGatesReadAsUnflagged() {
        String older = changed(EventType.GENERATION_CLOSED, event -> {
            event.withArray("ranking").forEach(ranked -> ((ObjectNode) ranked).remove("integrityFlags"));
            ((ObjectNode) event.get("verification")).remove("integrityFlags");
            ((ObjectNode) event.get("verification")).put("improved", true);
        });

        GenerationClosed closed = EventCodec.read(older, GenerationClosed.class);

        assertThat(closed.ranking()).noneMatch(RankedVariant::flagged);
        assertThat(closed.verification().flagged()).isFalse();
        assertThat(closed.verification().improved()).isTrue();
        assertThat(parse(EventCodec.write(closed)).at("/ranking/0").has("integrityFlags")).isFalse();
    }

    @Test
    void eventsWrittenBeforeControlsPairedVerificationAndPresetsStillRead() {
        String closedBefore = changed(EventType.GENERATION_CLOSED, event -> {
            event.remove("controlVariantId");
            event.remove("noiseFloor");
            event.withArray("ranking").forEach(ranked -> ((ObjectNode) ranked).remove("versusControl"));
            ((ObjectNode) event.get("verification")).remove("looks");
            event.get("verification").withArray("metrics").forEach(m -> ((ObjectNode) m).remove("difference"));
        });
        String variantBefore = changed(EventType.VARIANT_PROPOSED, event -> event.remove("preset"));
        String requestBefore = changed(EventType.RUN_REQUESTED, event ->
                ((ObjectNode) event.get("config")).remove("noiseFloorSeeds"));

        GenerationClosed closed = EventCodec.read(closedBefore, GenerationClosed.class);
        VariantProposed variant = EventCodec.read(variantBefore, VariantProposed.class);
        RunRequested request = EventCodec.read(requestBefore, RunRequested.class);

        assertThat(closed.controlVariantId()).isNull();
        assertThat(closed.noiseFloor()).isNull();
        assertThat(closed.ranking()).allMatch(r -> r.versusControl() == null);
        assertThat(closed.verification().looks()).isEmpty();
        assertThat(closed.verification().metrics()).allMatch(m -> m.difference() == null && m.welchP() != null);
        assertThat(variant.preset()).isNull();
        assertThat(request.config().noiseFloorSeeds()).isNull();
        assertThat(request.config().controlSeeds()).isEqualTo(RunConfig.DEFAULT_NOISE_FLOOR_SEEDS);
        assertThat(parse(EventCodec.write(closed)).at("/verification").has("looks")).isFalse();
        assertThat(parse(EventCodec.write(variant)).has("preset")).isFalse();
    }

    @Test
    void aNoiseFloorNeedsTwoSeedsAndAPresetMustNotBeBlank() {
        assertThatThrownBy(() -> EventCodec.read(changed(EventType.GENERATION_CLOSED,
                event -> ((ObjectNode) event.get("noiseFloor")).put("seeds", 1)), GenerationClosed.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("'seeds' must be >= 2");
        assertThatThrownBy(() -> EventCodec.read(changed(EventType.VARIANT_PROPOSED,
                event -> event.put("preset", " ")), VariantProposed.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("'preset'");
    }

    private static String runStarted(Consumer<ObjectNode> change) {
        return changed(EventType.RUN_STARTED, change);
    }

    private static String runCompleted(Consumer<ObjectNode> change) {
        return changed(EventType.RUN_COMPLETED, change);
    }

    private static String changed(EventType type, Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) parse(golden(type));
        change.accept(event);
        return event.toString();
    }
}
