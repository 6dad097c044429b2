package ai.darwin.training.harness.metrics;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeakFlopsTest {

    @Test
    void gpuNamesMapToTheirDenseBf16Peak() {
        assertThat(PeakFlops.forGpu("NVIDIA H100 80GB HBM3", DataType.FLOAT16)).isEqualTo(989e12);
        assertThat(PeakFlops.forGpu("NVIDIA H100 PCIe", DataType.FLOAT16)).isEqualTo(756e12);
        assertThat(PeakFlops.forGpu("NVIDIA H200", DataType.FLOAT16)).isEqualTo(989e12);
        assertThat(PeakFlops.forGpu("NVIDIA A100-SXM4-80GB", DataType.FLOAT16)).isEqualTo(312e12);
        assertThat(PeakFlops.forGpu("NVIDIA L4", DataType.FLOAT16)).isEqualTo(121e12);
        assertThat(PeakFlops.forGpu("NVIDIA L40S", DataType.FLOAT16)).isEqualTo(362e12);
        assertThat(PeakFlops.forGpu("NVIDIA A10G", DataType.FLOAT16)).isEqualTo(125e12);
        assertThat(PeakFlops.forGpu("NVIDIA GeForce RTX 4090", DataType.FLOAT16)).isEqualTo(165.2e12);
        assertThat(PeakFlops.forGpu("Some Future Accelerator", DataType.FLOAT16)).isZero();
    }

    @Test
    void anFp32ModelIsMeasuredAgainstTheFp32PeakNotTheTensorCores() {
        assertThat(PeakFlops.forGpu("NVIDIA H100 80GB HBM3", DataType.FLOAT32)).isEqualTo(67e12);
        assertThat(PeakFlops.forGpu("NVIDIA H100 80GB HBM3", DataType.BFLOAT16)).isEqualTo(989e12);
        assertThat(PeakFlops.forGpu("NVIDIA A100-SXM4-80GB", DataType.FLOAT32)).isEqualTo(19.5e12);
    }

    @Test
    void cpuPeakIsMeasuredOncePerProcess() {
        double first = PeakFlops.measuredCpu();

        assertThat(first).isGreaterThan(1e9);
        assertThat(PeakFlops.measuredCpu()).isEqualTo(first);
    }
}
