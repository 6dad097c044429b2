package ai.darwin.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunMetersTest {

    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void keepsTheMetersOfTheMostRecentRunsOnly() {
        RunMeters meters = new RunMeters(registry, 2);
        registry.counter("darwin.test", meters.tags("run-1", "model", "m")).increment();
        registry.counter("darwin.test", meters.tags("run-2", "model", "m")).increment();
        registry.counter("darwin.test", meters.tags("run-1", "model", "m")).increment();
        registry.counter("darwin.untagged").increment();

        registry.counter("darwin.test", meters.tags("run-3", "model", "m")).increment();

        assertThat(registry.find("darwin.test").counters()).extracting(c -> c.getId().getTag(RunMeters.RUN))
                .containsExactlyInAnyOrder("run-1", "run-3");
        assertThat(registry.get("darwin.test").tag(RunMeters.RUN, "run-1").counter().count()).isEqualTo(2);
        assertThat(registry.find("darwin.untagged").counter()).isNotNull();
    }

    @Test
    void forgetsARunThatEnded() {
        RunMeters meters = new RunMeters(registry);
        registry.counter("darwin.test", meters.tags("run-1")).increment();
        registry.summary("darwin.other", meters.tags("run-1")).record(3);
        registry.counter("darwin.test", meters.tags("run-2")).increment();

        meters.forget("run-1");

        assertThat(registry.getMeters()).extracting(m -> m.getId().getTag(RunMeters.RUN)).containsOnly("run-2");
    }

    @Test
    void namesTheModelOfAVariantNoLlmWrote() {
        assertThat(RunMeters.model(null)).isEqualTo(RunMeters.NO_MODEL);
        assertThat(RunMeters.model("gpt-4o-mini")).isEqualTo("gpt-4o-mini");
    }

    @Test
    void aPolledGaugeReadsItsLastAnswerAndNanWhenThereIsNone() {
        AtomicLong source = new AtomicLong(5);
        boolean[] failing = {false};
        try (PolledGauge gauge = new PolledGauge(registry, "darwin.polled", "test", Tags.empty(), () -> {
            if (failing[0]) {
                throw new IllegalStateException("broker away");
            }
            return source.get() < 0 ? OptionalLong.empty() : OptionalLong.of(source.get());
        }, Duration.ofHours(1))) {
            gauge.poll();
            assertThat(registry.get("darwin.polled").gauge().value()).isEqualTo(5);
            source.set(-1);
            gauge.poll();
            assertThat(registry.get("darwin.polled").gauge().value()).isNaN();
            source.set(7);
            gauge.poll();
            assertThat(gauge.value()).isEqualTo(7);
            failing[0] = true;
            gauge.poll();
            assertThat(registry.get("darwin.polled").gauge().value()).isNaN();
        }
    }
}
