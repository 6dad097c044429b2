package ai.darwin.events.variant;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;

/**
 * Which mutator produced a variant.
 *
 * @param kind  {@code optimizer}, {@code random} ({@code offline} in older events), {@code llm}, {@code llm-chunk},
 *              or {@code none} for programs trained unchanged
 * @param model the LLM model, for LLM mutators; in a hybrid run also on an {@code optimizer} variant, whose
 *              proposal that model accepted (an {@code llm} one is its override; the reasoning says which)
 */
public record MutatorInfo(String kind, @Nullable String model) {

    public MutatorInfo {
        Require.text(kind, "kind");
    }
}
