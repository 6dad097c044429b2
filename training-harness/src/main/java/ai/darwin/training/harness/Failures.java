package ai.darwin.training.harness;

import ai.darwin.training.sdk.BudgetExhaustedException;
import ai.djl.engine.EngineException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

/** Classifies what a program threw. */
public final class Failures {

    /** A failure's message and detail leave the child at most this long: a program chooses what they say. */
    public static final int MAX_MESSAGE_CHARS = 4000;
    public static final int MAX_DETAIL_CHARS = 8000;

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

    /**
     * Whether the JVM or the engine (CPU or CUDA allocator) ran out of memory. Decided by the type, and for the
     * engine's own exceptions by their message: a program may not construct EngineException (the bytecode check), so
     * a message it wrote cannot turn its failure into another class.
     */
    public static boolean isOutOfMemory(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            if (!(t instanceof EngineException)) {
                continue;
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
        return bounded(text.toString(), MAX_DETAIL_CHARS);
    }

    /**
     * @return the text, cut to at most {@code max} characters with a note of how much was cut. The services cut with
     *         platform's {@code BoundedText}; the harness keeps this copy because it runs in the training child,
     *         whose classpath holds only the SDK, the harness and DJL (no Quarkus, Kafka or Darwin service library),
     *         and the worker cuts what it reads from the child again with the shared one.
     */
    public static String bounded(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int keep = Math.max(0, max - 40);
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + "\n... [" + (text.length() - keep) + " more characters cut]";
    }
}
