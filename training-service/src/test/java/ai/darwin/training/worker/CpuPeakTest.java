package ai.darwin.training.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuPeakTest {

    @Test
    void theFirstVariantsMeasureThePeakAndTheHighestMeasurementIsKept() {
        CpuPeak peak = new CpuPeak();
        // measured while the services were starting: low
        assertThat(peak.forNextVariant()).isZero();
        assertThat(peak.record(2e10, true, 0.9)).isTrue();
        assertThat(peak.forNextVariant()).isZero();
        assertThat(peak.record(6e10, true, 0.4)).isTrue();
        assertThat(peak.forNextVariant()).isZero();
        assertThat(peak.record(5e10, true, 0.4)).isFalse();
        assertThat(peak.forNextVariant()).isEqualTo(6e10);
        assertThat(peak.record(6e10, false, 0.5)).isFalse();
        assertThat(peak.forNextVariant()).isEqualTo(6e10);
    }

    @Test
    void aVariantThatBeatsThePeakHasTheNextOneMeasureItAgain() {
        CpuPeak peak = new CpuPeak();
        for (int i = 0; i < CpuPeak.MEASUREMENTS; i++) {
            peak.record(3e10, true, 0.5);
        }
        assertThat(peak.forNextVariant()).isEqualTo(3e10);
        // above 100 % MFU: the peak was measured too low
        peak.record(3e10, false, 1.2);
        assertThat(peak.forNextVariant()).isZero();
        assertThat(peak.record(6e10, true, 0.6)).isTrue();
        assertThat(peak.forNextVariant()).isEqualTo(6e10);
    }

    @Test
    void aLowerMeasurementNeverLowersThePeak() {
        CpuPeak peak = new CpuPeak();
        for (int i = 0; i < CpuPeak.MEASUREMENTS; i++) {
            peak.record(6e10, true, 0.5);
        }
        peak.record(6e10, false, 1.1);
        peak.record(4e10, true, 0.8);
        assertThat(peak.peak()).isEqualTo(6e10);
        assertThat(peak.forNextVariant()).isEqualTo(6e10);
    }
}
