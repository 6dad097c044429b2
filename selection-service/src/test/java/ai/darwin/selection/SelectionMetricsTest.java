package ai.darwin.selection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.selection.metrics.SelectionMetrics;
import ai.darwin.testing.MongoServerResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each generation closed through the in-memory channels is timed from its opening, tagged with its run. */
@QuarkusTest
@WithTestResource(ChannelDriver.InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class SelectionMetricsTest {

    @Inject
    ChannelDriver channels;
    @Inject
    MeterRegistry registry;

    @Test
    void timesEachGenerationFromItsOpeningToItsClose() throws InterruptedException {
        String run = "run-metrics";
        GenerationOpened g0 = channels.start(run, 2, 0);
        Thread.sleep(300);
        channels.trainAll(g0, 1.9);
        channels.closed(run, 0);

        Timer timer = registry.get(SelectionMetrics.GENERATION_DURATION).tag("run", run)
                .tag("verification", "false").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(300);
    }
}
