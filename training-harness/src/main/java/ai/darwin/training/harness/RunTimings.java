package ai.darwin.training.harness;

/** The phase times of a run as it goes: each {@link #lap()} ends one stretch of wall time and starts the next. */
final class RunTimings {

    private long lapNanos = System.nanoTime();
    volatile double compileSeconds;
    volatile double dataSeconds;
    volatile double engineSeconds;
    volatile double trainSeconds;
    volatile double evaluationSeconds;
    volatile double smokeSeconds;

    /** @return the seconds since the previous lap (or the start), starting the next one */
    synchronized double lap() {
        long now = System.nanoTime();
        double seconds = (now - lapNanos) / 1e9;
        lapNanos = now;
        return seconds;
    }

    Timings freeze() {
        return new Timings(compileSeconds, dataSeconds, engineSeconds, trainSeconds, evaluationSeconds, smokeSeconds);
    }
}
