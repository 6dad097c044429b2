package ai.darwin.training.worker;

/**
 * The fp32 peak this worker's MFU is computed against on a CPU, where no table says it. The harness measures it
 * (best of a few matmul rounds) when it is given none. One measurement taken while the machine was busy (services
 * starting, another child still exiting) comes out low and puts every later variant above 100 % MFU, so the worker
 * has it measured on its first few variants and again after any variant that beat it, and keeps the highest.
 */
final class CpuPeak {

    /** Variants that measure the peak before the worker trusts it. */
    static final int MEASUREMENTS = 3;

    private double peak;
    private int measurements;
    private boolean beaten;

    /** @return the peak to give the next variant's harness, 0 to have it measure the peak */
    synchronized double forNextVariant() {
        return measurements < MEASUREMENTS || beaten ? 0 : peak;
    }

    /**
     * @param peakUsed the peak the variant's MFU was computed with (measured when {@link #forNextVariant} gave 0)
     * @param measured whether the harness measured it for this variant
     * @param mfu      the variant's MFU against that peak
     * @return whether the peak went up
     */
    synchronized boolean record(double peakUsed, boolean measured, double mfu) {
        boolean raised = false;
        if (measured) {
            measurements++;
            beaten = false;
            raised = peakUsed > peak;
            peak = Math.max(peak, peakUsed);
        }
        if (mfu > 1) {
            beaten = true;
        }
        return raised;
    }

    synchronized double peak() {
        return peak;
    }
}
