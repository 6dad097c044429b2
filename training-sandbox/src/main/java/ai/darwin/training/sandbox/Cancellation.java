package ai.darwin.training.sandbox;

/** A request to stop a run early and throw its work away (the worker is shutting down, or lost the variant). */
public final class Cancellation {

    private volatile String reason;

    public void cancel(String why) {
        reason = why;
    }

    public boolean requested() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }
}
