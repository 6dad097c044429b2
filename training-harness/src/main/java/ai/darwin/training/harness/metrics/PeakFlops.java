package ai.darwin.training.harness.metrics;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The peak FLOP/s that MFU divides by: for GPUs a table of dense peaks for the element type the model actually
 * trained in (fp32 on the CUDA cores, which is what PyTorch uses for fp32 matmuls unless TF32 is switched on; fp16 and
 * bf16 on the tensor cores, as nanoGPT's estimate_mfu uses for the A100), and on the CPU a measured fp32 matmul rate.
 */
public final class PeakFlops {

    /**
     * A GPU whose name contains {@code fragment}; the first matching entry wins, so specific names come first.
     *
     * @param fp32 dense fp32 peak (CUDA cores)
     * @param half dense fp16/bf16 tensor-core peak
     */
    record Gpu(String fragment, double fp32, double half) {
    }

    /** Dense (no sparsity) peaks from the vendors' datasheets (V100, T4: fp16 only). */
    static final List<Gpu> GPUS = List.of(
            new Gpu("GH200", 67e12, 989e12),
            new Gpu("H200", 67e12, 989e12),
            new Gpu("H100 PCIE", 51e12, 756e12),
            new Gpu("H100", 67e12, 989e12),
            new Gpu("A100", 19.5e12, 312e12),
            new Gpu("L40S", 91.6e12, 362e12),
            new Gpu("L40", 90.5e12, 181e12),
            new Gpu("L4", 30.3e12, 121e12),
            // the A10 datasheet; the A10G (AWS) is the same GA102 part and has no separate published figure
            new Gpu("A10G", 31.2e12, 125e12),
            new Gpu("A10", 31.2e12, 125e12),
            new Gpu("RTX 4090", 82.6e12, 165.2e12),
            new Gpu("RTX 3090", 35.6e12, 71e12),
            new Gpu("V100", 15.7e12, 125e12),
            new Gpu("T4", 8.1e12, 65e12));

    private static final int BENCHMARK_SIZE = 1024;
    private static final int BENCHMARK_ROUNDS = 3;
    private static final double ROUND_SECONDS = 0.25;
    private static volatile Double measuredCpu;

    private PeakFlops() {
    }

    /**
     * @param name     a GPU name such as {@code NVIDIA H100 80GB HBM3}
     * @param dataType the element type the model's weights trained in
     * @return the table's peak for that GPU and type (fp16 and bf16 on the tensor cores, anything else fp32), or 0
     *     when the GPU is not listed
     */
    public static double forGpu(String name, DataType dataType) {
        String upper = name.toUpperCase(Locale.ROOT);
        boolean half = dataType == DataType.FLOAT16 || dataType == DataType.BFLOAT16;
        return GPUS.stream().filter(gpu -> upper.contains(gpu.fragment()))
                .mapToDouble(gpu -> half ? gpu.half() : gpu.fp32()).findFirst().orElse(0);
    }

    /** @return the best fp32 matmul rate of this process's engine on the CPU, measured once per process */
    public static double measuredCpu() {
        Double cached = measuredCpu;
        if (cached == null) {
            synchronized (PeakFlops.class) {
                cached = measuredCpu;
                if (cached == null) {
                    cached = benchmarkCpu();
                    measuredCpu = cached;
                }
            }
        }
        return cached;
    }

    private static double benchmarkCpu() {
        double n = BENCHMARK_SIZE;
        double flopsPerMatmul = 2 * n * n * n;
        double best = 0;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Shape shape = new Shape(BENCHMARK_SIZE, BENCHMARK_SIZE);
            NDArray a = manager.randomUniform(-1f, 1f, shape, DataType.FLOAT32);
            NDArray b = manager.randomUniform(-1f, 1f, shape, DataType.FLOAT32);
            a.matMul(b).close();
            for (int round = 0; round < BENCHMARK_ROUNDS; round++) {
                long start = System.nanoTime();
                int matmuls = 0;
                double seconds;
                do {
                    a.matMul(b).close();
                    matmuls++;
                    seconds = (System.nanoTime() - start) / 1e9;
                } while (seconds < ROUND_SECONDS);
                best = Math.max(best, matmuls * flopsPerMatmul / seconds);
            }
        }
        return best;
    }

    /** @return the first GPU's name from nvidia-smi, or null when it cannot be asked */
    public static String gpuName() {
        try {
            Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            String first = output.lines().findFirst().orElse("").trim();
            return first.isEmpty() ? null : first;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
