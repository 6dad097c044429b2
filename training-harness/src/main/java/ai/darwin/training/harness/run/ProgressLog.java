package ai.darwin.training.harness.run;

import ai.darwin.training.harness.ProgressPoint;
import ai.darwin.training.sdk.ProgressReporter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records the program's progress reports, stamped with the harness's token count and clock. */
public final class ProgressLog implements ProgressReporter {

    /** Past this many points every second one is dropped, so a chatty program cannot bloat the report. */
    static final int MAX_POINTS = 1000;

    private final HarnessBudget budget;
    private final Consumer<ProgressPoint> listener;
    private final List<ProgressPoint> points = new ArrayList<>();
    private boolean nonFinite;
    /** Not this object: the program holds it and could hold its monitor too. */
    private final Object lock = new Object();

    public ProgressLog(HarnessBudget budget, Consumer<ProgressPoint> listener) {
        this.budget = budget;
        this.listener = listener;
    }

    @Override
    public void report(long step, double trainLoss) {
        synchronized (lock) {
            record(step, trainLoss);
        }
    }

    private void record(long step, double trainLoss) {
        ProgressPoint point = new ProgressPoint(step, budget.tokensUsed(), budget.elapsedSeconds(), trainLoss);
        if (!Double.isFinite(trainLoss) && !nonFinite) {
            nonFinite = true;
            // fail fast: a NaN loss is already a failed run; the rest of its budget would be wasted
            budget.stopEarly("the training loss reported at step " + step + " was " + trainLoss);
        }
        if (points.size() >= MAX_POINTS) {
            List<ProgressPoint> kept = new ArrayList<>();
            for (int i = 0; i < points.size(); i += 2) {
                kept.add(points.get(i));
            }
            points.clear();
            points.addAll(kept);
        }
        points.add(point);
        try {
            listener.accept(point);
        } catch (RuntimeException e) {
            // the listener is the harness's (an event publisher, a file): its failure is not the program's
            System.err.println("progress listener failed: " + e);
        }
    }

    public List<ProgressPoint> points() {
        synchronized (lock) {
            return List.copyOf(points);
        }
    }

    /** @return whether any reported loss was NaN or infinite */
    public boolean sawNonFiniteLoss() {
        synchronized (lock) {
            return nonFinite;
        }
    }
}
