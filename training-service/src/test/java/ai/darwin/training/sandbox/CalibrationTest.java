package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void theChildsReportIsRead() throws IOException {
        assertThat(Calibration.parse("{\"device\":\"cpu\",\"peakFlops\":1.0E11,\"engineSeconds\":1.5}"))
                .isEqualTo(new Calibration.Result("cpu", 1e11, 1.5));
        assertThat(Calibration.parse("{\"device\":\"NVIDIA Future GPU\",\"peakFlops\":0.0,\"engineSeconds\":3}")
                .peakFlops()).isZero();
    }

    @Test
    void aReportWithoutDeviceOrPeakIsAFailedCalibration() {
        assertThatThrownBy(() -> Calibration.parse("{\"device\":\"cpu\"}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Calibration.parse("{\"peakFlops\":1e11}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Calibration.parse("{\"device\":\"cpu\",\"peakFlops\":-1}"))
                .isInstanceOf(IOException.class);
    }
}
