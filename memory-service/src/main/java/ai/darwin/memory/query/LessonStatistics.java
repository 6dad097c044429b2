package ai.darwin.memory.query;

/**
 * How one kind of change went: its effect on validation bits per byte against the parent program.
 *
 * @param kind       e.g. {@code LEARNING_RATE up}
 * @param count      trained variants that made this change
 * @param meanDelta  mean of (variant − parent) val_bpb; negative means it helped
 * @param effectSize mean delta over its standard deviation (Cohen's d against zero); null with fewer than two
 * @param improved   how many of them beat their parent
 * @param standardError the standard error of the mean delta; null with fewer than two
 */
public record LessonStatistics(String kind, int count, double meanDelta, Double effectSize, int improved,
                               Double standardError) {
}
