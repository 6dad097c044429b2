package ai.darwin.mutation.prompt;

import ai.darwin.mutation.prompt.Outcomes.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The prompt's sections of measured outcomes (OpenEvolve's "current program's metrics", "previous attempts", "top
 * programs"): each one an {@link UntrustedText} block of fixed size, since reasoning, error output and diffs were
 * written by programs and models. Sizes in characters, about four to a token: all five sections together stay under
 * about 4,500 tokens, a sixth of a small model's context, whatever the run holds.
 */
final class OutcomeSections {

    static final int PARENT_CHARS = 800;
    static final int LINEAGE_ITEM_CHARS = 400;
    static final int LINEAGE_CHARS = 2000;
    /** An attempt with a failure's output: the error's message and the end of the trace say what broke. */
    static final int ATTEMPT_ITEM_CHARS = 1200;
    static final int ATTEMPTS_CHARS = 6000;
    /** An inspiration with the head of its diff. */
    static final int INSPIRATION_ITEM_CHARS = 2000;
    static final int INSPIRATIONS_CHARS = 6000;
    static final int MUTATOR_CHARS = 600;

    private OutcomeSections() {
    }

    /** Puts the five sections into a template's values. */
    static void fill(Outcomes outcomes, Map<String, String> values) {
        List<String> parent = new ArrayList<>();
        if (outcomes.parent() != null) {
            parent.add(describe(outcomes.parent()));
        }
        if (outcomes.noiseFloor() != null) {
            parent.add(String.format(Locale.ROOT, "The run's noise floor: |Δ val_bpb| below %.4f (measured from %d "
                    + "seeds of the control) is a tie, not an effect.", outcomes.noiseFloor(),
                    outcomes.noiseFloorSeeds() == null ? 0 : outcomes.noiseFloorSeeds()));
        }
        values.put("parentMetrics", UntrustedText.block("the measured program you rewrite, from memory-service",
                parent, PARENT_CHARS, PARENT_CHARS, "(not measured yet)"));
        values.put("lineage", UntrustedText.block("the changes that made its ancestors, nearest first",
                outcomes.lineage().stream().map(OutcomeSections::describe).toList(), LINEAGE_ITEM_CHARS,
                LINEAGE_CHARS, "(none: it is the seed, or its ancestors are not measured yet)"));
        List<String> attempts = new ArrayList<>(outcomes.attempts().stream().map(OutcomeSections::describe).toList());
        outcomes.lineageAttempts().forEach(a -> attempts.add("(from this lineage) " + describe(a)));
        values.put("attempts", UntrustedText.block("earlier attempts of this run and lineage with their outcomes, "
                + "newest first", attempts, ATTEMPT_ITEM_CHARS, ATTEMPTS_CHARS, "(none yet)"));
        values.put("inspirations", UntrustedText.block("the run's best programs so far, as their diffs",
                outcomes.top().stream().map(OutcomeSections::describe).toList(), INSPIRATION_ITEM_CHARS,
                INSPIRATIONS_CHARS, "(none yet)"));
        values.put("mutatorMetrics", UntrustedText.block("your own program's measure",
                outcomes.mutator() == null ? List.of() : List.of(describe(outcomes.mutator())), MUTATOR_CHARS,
                MUTATOR_CHARS, "(not measured yet)"));
    }

    /** One variant in one item: what it measured against what, what became of it, why, and how it failed. */
    static String describe(Outcome o) {
        StringBuilder text = new StringBuilder(String.valueOf(o.variantId()));
        if (o.generation() != null) {
            text.append(" (generation ").append(o.generation()).append(", agent ").append(o.agentId())
                    .append(o.mutatorAgentId() == null || o.mutatorAgentId().equals(o.agentId()) ? ""
                            : ", rewritten by " + o.mutatorAgentId()).append(')');
        }
        text.append(": ").append(o.outcome());
        number(text, "val_bpb", o.valBitsPerByte(), "%.4f");
        number(text, "Δ vs its parent", o.deltaVsParent(), "%+.4f");
        number(text, "Δ vs its generation's control", o.versusControl(), "%+.4f");
        if (o.versusControl() != null && o.withinNoise() != null) {
            text.append(o.withinNoise() ? " (within noise: a tie)" : " (beyond noise)");
        }
        number(text, "MFU", o.mfu(), "%.3f");
        number(text, "tokens/s", o.tokensPerSecond(), "%,.0f");
        if (!o.changeKinds().isEmpty()) {
            text.append("; changes: ").append(String.join(", ", o.changeKinds()));
        }
        if (o.summary() != null && !o.summary().isBlank()) {
            text.append("; reasoning: ").append(o.summary());
        }
        if (o.failureClass() != null) {
            text.append("; failed: ").append(o.failureClass());
        }
        if (o.errorTail() != null && !o.errorTail().isBlank()) {
            text.append("\n  error output (end):\n").append(o.errorTail());
        }
        if (o.diff() != null && !o.diff().isBlank()) {
            text.append("\n  diff against its parent (head):\n").append(o.diff());
        }
        return text.toString();
    }

    private static void number(StringBuilder text, String name, Double value, String format) {
        if (value != null) {
            text.append(", ").append(name).append(' ').append(String.format(Locale.ROOT, format, value));
        }
    }
}
