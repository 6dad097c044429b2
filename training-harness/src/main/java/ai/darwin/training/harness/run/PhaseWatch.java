package ai.darwin.training.harness.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the phases in which the program's code runs (training, the hand-over of its model, evaluation) from a
 * thread of the harness's own: the program's code may never return, in Java or in native code, so the harness cannot
 * wait for it to notice its limit. When a phase overruns, the watch calls its handler once; in the child JVM that
 * handler writes the TIMEOUT result and halts the JVM.
 */
public final class PhaseWatch implements AutoCloseable {

    private final Runnable onOverrun;
    private final ScheduledExecutorService timer;

    /** @param onOverrun called at most once per phase, from the watch's thread; null to only time phases */
    public PhaseWatch(Runnable onOverrun) {
        this.onOverrun = onOverrun;
        this.timer = onOverrun == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "darwin-phase-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a phase.
     *
     * @param limitSeconds its limit; 0 or less for none
     * @return closed when the phase ends in time
     */
    public Phase start(double limitSeconds) {
        ScheduledFuture<?> alarm = timer == null || limitSeconds <= 0 ? null
                : timer.schedule(onOverrun, (long) Math.ceil(limitSeconds * 1000), TimeUnit.MILLISECONDS);
        return new Phase(alarm, System.nanoTime(), limitSeconds);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** A running phase: knows its start, so the harness can tell an overrun even without a handler. */
    public static final class Phase implements AutoCloseable {

        private final ScheduledFuture<?> alarm;
        private final long startNanos;
        private final double limitSeconds;

        private Phase(ScheduledFuture<?> alarm, long startNanos, double limitSeconds) {
            this.alarm = alarm;
            this.startNanos = startNanos;
            this.limitSeconds = limitSeconds;
        }

        public double elapsedSeconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        /** @return whether it has run past its limit */
        public boolean overran() {
            return limitSeconds > 0 && elapsedSeconds() > limitSeconds;
        }

        @Override
        public void close() {
            if (alarm != null) {
                alarm.cancel(false);
            }
        }
    }
}
