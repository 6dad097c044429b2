package ai.darwin.training.harness.run;

import ai.darwin.training.sdk.Budget;

import java.util.function.LongSupplier;

/**
 * The budget the harness enforces. It counts the tokens itself, as batches are drawn, and refuses a batch that would
 * take the count past the token limit, so that no program trains on more tokens than any other; it times training
 * from {@link #start()}.
 */
public final class HarnessBudget implements Budget {

    /** A step may end this long after the time limit before the harness calls it a timeout. */
    static final double MIN_GRACE_SECONDS = 5;
    static final double GRACE_FRACTION = 0.1;

    private final long maxTokens;
    private final double maxSeconds;
    private final LongSupplier nanoClock;
    private final boolean spent;
    /** The smoke step's limit on batches drawn; 0 for none. */
    private final int maxBatches;
    private int batches;
    private boolean cutShort;
    private long startNanos;
    private long tokensUsed;
    private long lastBatchTokens;
    private int longestContext;
    private boolean tokensOverdrawn;
    private boolean timeOverrun;
    private volatile String stoppedBecause;

    public HarnessBudget(long maxTokens, double maxSeconds) {
        this(maxTokens, maxSeconds, System::nanoTime, false, 0);
    }

    HarnessBudget(long maxTokens, double maxSeconds, LongSupplier nanoClock) {
        this(maxTokens, maxSeconds, nanoClock, false, 0);
    }

    private HarnessBudget(long maxTokens, double maxSeconds, LongSupplier nanoClock, boolean spent, int maxBatches) {
        this.maxTokens = maxTokens;
        this.maxSeconds = maxSeconds;
        this.nanoClock = nanoClock;
        this.spent = spent;
        this.maxBatches = maxBatches;
        this.startNanos = nanoClock.getAsLong();
    }

    /**
     * The smoke step's budget: the run's own limits, as the program sees them in the run (so its first steps are the
     * run's first steps, learning-rate schedule included), and exhausted once {@code steps} batches were drawn.
     */
    public static HarnessBudget firstSteps(long maxTokens, double maxSeconds, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1 but was " + steps);
        }
        return new HarnessBudget(maxTokens, maxSeconds, System::nanoTime, false, steps);
    }

    /**
     * A budget that is exhausted from the start and refuses every batch: the one a program gets when the harness has
     * it build its model again for evaluation.
     */
    public static HarnessBudget spent(long maxTokens, double maxSeconds) {
        return new HarnessBudget(maxTokens, maxSeconds, System::nanoTime, true, 0);
    }

    /** Starts the clock: called just before the program's {@code train}. */
    public void start() {
        startNanos = nanoClock.getAsLong();
    }

    public double elapsedSeconds() {
        return (nanoClock.getAsLong() - startNanos) / 1e9;
    }

    /** @return true once the tokens drawn or the time spent reach a limit, or the next batch would not fit */
    @Override
    public boolean exhausted() {
        return spent || stoppedBecause != null || tokensExhausted() || (maxBatches > 0 && batches >= maxBatches)
                || (maxSeconds > 0 && elapsedSeconds() >= maxSeconds);
    }

    /**
     * Ends training early, as if the budget were spent: the run has already failed (a NaN loss), so the rest of the
     * budget would only be wasted. Later batches are refused without counting as the program's overdraw.
     */
    public void stopEarly(String why) {
        stoppedBecause = why;
    }

    @Override
    public double fractionUsed() {
        if (spent) {
            return 1;
        }
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
        return maxSeconds > 0 && elapsedSeconds() > graceLimitSeconds();
    }

    /** @return the time limit plus the grace a step may take to end; 0 when there is no time limit */
    public double graceLimitSeconds() {
        return maxSeconds > 0 ? maxSeconds + Math.max(MIN_GRACE_SECONDS, GRACE_FRACTION * maxSeconds) : 0;
    }

    /** @return whether the program tried to draw a batch the budget could not pay for */
    public boolean tokensOverdrawn() {
        return tokensOverdrawn;
    }

    /** @return whether the program drew a batch after the time limit and its grace had passed */
    public boolean timeOverrun() {
        return timeOverrun;
    }

    /**
     * @return whether a smoke step's budget refused a batch past its steps: the program did not poll
     *         {@link #exhausted()}, so the smoke step ended without a model, which is not a failure of the run
     */
    public boolean cutShort() {
        return cutShort;
    }

    /** @return the longest context (tokens per row) of the batches drawn, 0 before the first */
    public int longestContext() {
        return longestContext;
    }

    /**
     * Counts a batch the program is about to draw, unless it would take the count past the token limit.
     *
     * @return null when it may draw, else why not
     */
    String charge(int rows, int contextLength) {
        long tokens = (long) rows * contextLength;
        if (spent) {
            tokensOverdrawn = true;
            return "no batches while the harness rebuilds the model for evaluation: build the model before drawing "
                    + "any batch and return it once budget().exhausted() is true";
        }
        if (stoppedBecause != null) {
            return "training was stopped early: " + stoppedBecause;
        }
        if (maxBatches > 0 && batches >= maxBatches) {
            cutShort = true;
            return "the budget is exhausted; poll budget().exhausted() before each step";
        }
        if (maxTokens > 0 && tokensUsed + tokens > maxTokens) {
            tokensOverdrawn = true;
            return "a batch of " + tokens + " tokens would take the " + tokensUsed + " tokens drawn past the token "
                    + "budget of " + maxTokens + "; poll budget().exhausted() before each step";
        }
        if (pastGrace()) {
            timeOverrun = true;
            return "the time budget of " + maxSeconds + " s was exhausted; poll budget().exhausted() before each step";
        }
        tokensUsed += tokens;
        batches++;
        lastBatchTokens = tokens;
        longestContext = Math.max(longestContext, contextLength);
        return null;
    }

    /** Exhausted when no batch of the size last drawn fits any more: polling then stops before a refusal. */
    private boolean tokensExhausted() {
        return maxTokens > 0 && (tokensUsed >= maxTokens || tokensUsed + lastBatchTokens > maxTokens);
    }
}
