package ai.darwin.training.worker;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this worker trains variants, and if not, why: it refuses untrusted code it cannot isolate (unless the
 * operator allowed that), and takes none before its calibration child has found the peak that scores them.
 */
@ApplicationScoped
public class SandboxStatus {

    private volatile String containment = "not decided yet";
    private volatile boolean unisolated;
    private volatile String device = "";
    private volatile double peakFlops;
    private volatile String reason = "starting";

    void refuse(String why) {
        containment = "none: refused";
        reason = why;
    }

    void calibrating(String describedContainment, boolean withoutWall) {
        containment = describedContainment;
        unisolated = withoutWall;
        reason = "calibrating: loading the engine and measuring the device's peak FLOP/s before the first variant";
    }

    void calibrated(String calibratedDevice, double peak) {
        device = calibratedDevice;
        peakFlops = peak;
        reason = null;
    }

    /** @return whether the peak rose to this measurement (a lower one is a busier machine, not a slower device) */
    synchronized boolean raisePeak(double measured) {
        if (measured > peakFlops) {
            peakFlops = measured;
            return true;
        }
        return false;
    }

    void calibrationFailed(String why) {
        reason = "calibration failed: " + why;
    }

    /** @return whether variants may be trained */
    public boolean open() {
        return reason == null;
    }

    /** @return why variants may not be trained yet, or null */
    public String reason() {
        return reason;
    }

    public String containment() {
        return containment;
    }

    /** @return whether variants run without the OS-level wall, as the operator allowed */
    public boolean unisolated() {
        return unisolated;
    }

    public String device() {
        return device;
    }

    /** @return the peak every variant's MFU divides by; 0 before calibration */
    public double peakFlops() {
        return peakFlops;
    }
}
