package ai.darwin.training.harness;

import ai.darwin.training.sdk.BudgetExhaustedException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

/** Classifies what a program threw. */
public final class Failures {

    static final int MAX_DETAIL_CHARS = 8000;

    private Failures() {
    }

    /**
     * @param what       what was running, e.g. {@code train}
     * @param thrown     what it threw
     * @param timeOverrun whether the program had run past its time limit and grace
     */
    public static HarnessException classify(String what, Throwable thrown, boolean timeOverrun) {
        if (thrown instanceof HarnessException classified) {
            return classified;
        }
        if (isOutOfMemory(thrown)) {
            return new HarnessException(FailureClass.OUT_OF_MEMORY, what + " ran out of memory: " + thrown, thrown);
        }
        if (thrown instanceof BudgetExhaustedException) {
            return new HarnessException(timeOverrun ? FailureClass.TIMEOUT : FailureClass.CONTRACT_VIOLATION,
                    thrown.getMessage(), thrown);
        }
        return new HarnessException(FailureClass.RUNTIME_EXCEPTION, what + " threw " + thrown, thrown);
    }

    /** @return whether the JVM or the engine (CPU or CUDA allocator) ran out of memory */
    public static boolean isOutOfMemory(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("out of memory") || message.contains("can't allocate memory")
                    || message.contains("cannot allocate memory")) {
                return true;
            }
        }
        return false;
    }

    /** @return the stack trace, cut to a length a report can carry */
    public static String detail(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        String trace = text.toString();
        return trace.length() <= MAX_DETAIL_CHARS ? trace : trace.substring(0, MAX_DETAIL_CHARS) + "\n...";
    }
}
