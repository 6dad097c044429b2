package ai.darwin.training.harness.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeakFlopsTest {

    @Test
    void gpuNamesMapToTheirDenseBf16Peak() {
        assertThat(PeakFlops.forGpu("NVIDIA H100 80GB HBM3")).isEqualTo(989e12);
        assertThat(PeakFlops.forGpu("NVIDIA H100 PCIe")).isEqualTo(756e12);
        assertThat(PeakFlops.forGpu("NVIDIA H200")).isEqualTo(989e12);
        assertThat(PeakFlops.forGpu("NVIDIA A100-SXM4-80GB")).isEqualTo(312e12);
        assertThat(PeakFlops.forGpu("NVIDIA L4")).isEqualTo(121e12);
        assertThat(PeakFlops.forGpu("NVIDIA L40S")).isEqualTo(362e12);
        assertThat(PeakFlops.forGpu("NVIDIA A10G")).isEqualTo(125e12);
        assertThat(PeakFlops.forGpu("NVIDIA GeForce RTX 4090")).isEqualTo(165.2e12);
        assertThat(PeakFlops.forGpu("Some Future Accelerator")).isZero();
    }

    @Test
    void cpuPeakIsMeasuredOncePerProcess() {
        double first = PeakFlops.measuredCpu();

        assertThat(first).isGreaterThan(1e9);
        assertThat(PeakFlops.measuredCpu()).isEqualTo(first);
    }
}
