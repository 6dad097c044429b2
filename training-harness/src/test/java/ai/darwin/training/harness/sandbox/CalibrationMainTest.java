package ai.darwin.training.harness.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CalibrationMainTest {

    @Test
    void loadsTheEngineAndMeasuresTheCpuPeak(@TempDir Path dir) throws IOException {
        assertThat(CalibrationMain.run(dir)).isZero();

        JsonNode result = new ObjectMapper().readTree(dir.resolve(CalibrationMain.RESULT).toFile());
        assertThat(result.get("device").asText()).isEqualTo("cpu");
        assertThat(result.get("peakFlops").asDouble()).isGreaterThan(1e9);
        assertThat(result.get("engineSeconds").asDouble()).isPositive();
        assertThat(dir.resolve(CalibrationMain.RESULT + ".tmp")).doesNotExist();
    }

    @Test
    void aDirectoryItCannotWriteIsItsExitStatus(@TempDir Path dir) {
        assertThat(CalibrationMain.run(dir.resolve("missing"))).isEqualTo(ChildMain.CANNOT_WRITE);
    }
}
