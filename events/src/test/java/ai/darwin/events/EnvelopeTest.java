package ai.darwin.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.run.RunPaused;
import ai.darwin.events.run.RunStarted;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one way producers make an event's id, schema version and time. */
class EnvelopeTest {

    @Test
    void aNewEnvelopeHasAFreshIdThisContractsVersionAndATimeThatSurvivesJson() {
        Instant before = Instant.now().minusMillis(1);
        Envelope first = Envelope.of("run-1");
        Envelope second = Envelope.of("run-1");

        assertThat(first.eventId()).isNotEqualTo(second.eventId()).hasSize(36);
        assertThat(first.schemaVersion()).isEqualTo(EventType.SCHEMA_VERSION);
        assertThat(first.runId()).isEqualTo("run-1");
        assertThat(first.timestamp()).isAfter(before).isBeforeOrEqualTo(Instant.now());
        assertThat(first.timestamp().getNano() % 1_000_000).as("whole milliseconds").isZero();

        RunStarted started = new RunStarted(first);
        assertThat(EventCodec.read(EventCodec.write(started), RunStarted.class)).isEqualTo(started);
    }

    @Test
    void anEventMadeFromAnEnvelopeCarriesItsFourFields() {
        Envelope envelope = Envelope.at("run-2", Instant.parse("2025-01-02T03:04:05.678Z"));

        RunPaused paused = new RunPaused(envelope, "a human asked", "ada");

        assertThat(new Envelope(paused.eventId(), paused.schemaVersion(), paused.runId(), paused.timestamp()))
                .isEqualTo(envelope);
        assertThat(paused.reason()).isEqualTo("a human asked");
    }

    @Test
    void aDerivedIdIsTheSameForTheSameNameSoThatAConsumerDropsTheCopy() {
        assertThat(Envelope.derived("run-1", "VariantProposed:g0-a1-v").eventId())
                .isEqualTo(Envelope.derived("run-1", "VariantProposed:g0-a1-v").eventId())
                .isNotEqualTo(Envelope.derived("run-1", "VariantProposed:g0-a2-v").eventId());
    }

    @Test
    void anEnvelopeWithoutARunIsRefused() {
        assertThatThrownBy(() -> Envelope.of(" ")).hasMessageContaining("runId");
    }
}
