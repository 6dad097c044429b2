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
 * The peak FLOP/s that MFU divides by: a table of dense bf16 tensor-core peaks for GPUs (as nanoGPT's estimate_mfu
 * uses for the A100), and on the CPU a measured fp32 matmul rate.
 */
public final class PeakFlops {

    /** A GPU whose name contains {@code fragment}; the first matching entry wins, so specific names come first. */
    record Gpu(String fragment, double flops) {
    }

    /** Dense (no sparsity) bf16 tensor peaks from the vendors' datasheets (V100, T4: fp16). */
    static final List<Gpu> GPUS = List.of(
            new Gpu("GH200", 989e12),
            new Gpu("H200", 989e12),
            new Gpu("H100 PCIE", 756e12),
            new Gpu("H100", 989e12),
            new Gpu("A100", 312e12),
            new Gpu("L40S", 362e12),
            new Gpu("L40", 181e12),
            new Gpu("L4", 121e12),
            // the A10 datasheet; the A10G (AWS) is the same GA102 part and has no separate published figure
            new Gpu("A10G", 125e12),
            new Gpu("A10", 125e12),
            new Gpu("RTX 4090", 165.2e12),
            new Gpu("RTX 3090", 71e12),
            new Gpu("V100", 125e12),
            new Gpu("T4", 65e12));

    private static final int BENCHMARK_SIZE = 1024;
    private static final int BENCHMARK_ROUNDS = 3;
    private static final double ROUND_SECONDS = 0.25;
    private static volatile Double measuredCpu;

    private PeakFlops() {
    }

    /** @return the table's peak for a GPU name such as {@code NVIDIA H100 80GB HBM3}, or 0 when it is not listed */
    public static double forGpu(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return GPUS.stream().filter(gpu -> upper.contains(gpu.fragment())).mapToDouble(Gpu::flops).findFirst()
                .orElse(0);
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
