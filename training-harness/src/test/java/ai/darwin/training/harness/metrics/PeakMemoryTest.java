package ai.darwin.training.harness.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeakMemoryTest {

    @Test
    void parsesVmHwmInKilobytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  480000 kB\nVmRSS:\t  470000 kB\n";

        assertThat(PeakMemory.parseVmHwm(status)).isEqualTo(480000L * 1024);
    }

    @Test
    void readsThisProcess() {
        assertThat(PeakMemory.bytes()).isGreaterThan(10L * 1024 * 1024);
    }
}
