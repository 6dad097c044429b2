package ai.darwin.training.harness.run;

import ai.darwin.training.sdk.Budget;

import java.util.function.LongSupplier;

/** The budget the harness enforces: it counts the tokens drawn itself and times training from {@link #start()}. */
public final class HarnessBudget implements Budget {

    /** A step may end this long after the time limit before the harness calls it a timeout. */
    static final double MIN_GRACE_SECONDS = 5;
    static final double GRACE_FRACTION = 0.1;

    private final long maxTokens;
    private final double maxSeconds;
    private final LongSupplier nanoClock;
    private long startNanos;
    private long tokensUsed;
    private boolean tokensOverdrawn;
    private boolean timeOverrun;

    public HarnessBudget(long maxTokens, double maxSeconds) {
        this(maxTokens, maxSeconds, System::nanoTime);
    }

    HarnessBudget(long maxTokens, double maxSeconds, LongSupplier nanoClock) {
        this.maxTokens = maxTokens;
        this.maxSeconds = maxSeconds;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Starts the clock: called just before the program's {@code train}. */
    public void start() {
        startNanos = nanoClock.getAsLong();
    }

    public double elapsedSeconds() {
        return (nanoClock.getAsLong() - startNanos) / 1e9;
    }

    @Override
    public boolean exhausted() {
        return tokensExhausted() || (maxSeconds > 0 && elapsedSeconds() >= maxSeconds);
    }

    @Override
    public double fractionUsed() {
        double tokens = maxTokens > 0 ? (double) tokensUsed / maxTokens : 0;
        double time = maxSeconds > 0 ? elapsedSeconds() / maxSeconds : 0;
        return Math.min(1, Math.max(tokens, time));
    }

    @Override
    public long tokensUsed() {
        return tokensUsed;
    }

    @Override
    public long maxTokens() {
        return maxTokens;
    }

    @Override
    public double maxSeconds() {
        return maxSeconds;
    }

    /** @return whether training has run so far past its time limit that it counts as a timeout */
    public boolean pastGrace() {
        return maxSeconds > 0 && elapsedSeconds() > maxSeconds + Math.max(MIN_GRACE_SECONDS, GRACE_FRACTION * maxSeconds);
    }

    /** @return whether the program drew a batch after the token limit was reached */
    public boolean tokensOverdrawn() {
        return tokensOverdrawn;
    }

    /** @return whether the program drew a batch after the time limit and its grace had passed */
    public boolean timeOverrun() {
        return timeOverrun;
    }

    /**
     * Counts a batch the program is about to draw.
     *
     * @return null when it may draw, else why not
     */
    String charge(long tokens) {
        if (tokensExhausted()) {
            tokensOverdrawn = true;
            return "the token budget of " + maxTokens + " was exhausted; poll budget().exhausted() before each step";
        }
        if (pastGrace()) {
            timeOverrun = true;
            return "the time budget of " + maxSeconds + " s was exhausted; poll budget().exhausted() before each step";
        }
        tokensUsed += tokens;
        return null;
    }

    private boolean tokensExhausted() {
        return maxTokens > 0 && tokensUsed >= maxTokens;
    }
}
