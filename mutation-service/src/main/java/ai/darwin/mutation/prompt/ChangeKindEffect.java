package ai.darwin.mutation.prompt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What one kind of change did in a run, as memory-service measured it from the parent's and the variant's syntax
 * trees: for mutators that choose their changes by number rather than read lessons as text.
 *
 * @param kind          e.g. {@code LEARNING_RATE down}, {@code method SeedGpt.Block.forward rewritten}
 * @param count         trained variants that made it
 * @param meanDelta     mean Δval_bpb against the parent; negative helped
 * @param standardError the standard error of that mean; null with one variant
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeKindEffect(String kind, int count, double meanDelta, Double standardError) {
}
