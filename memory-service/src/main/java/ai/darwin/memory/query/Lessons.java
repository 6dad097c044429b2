package ai.darwin.memory.query;

import java.util.List;

/**
 * What memory teaches the mutators, for one run or across runs.
 *
 * @param runId    the run, or null across all runs
 * @param runIds   the runs the lessons were drawn from: the run alone, or, asked across runs, every run with its
 *                 dataset and preset; empty across all runs
 * @param helped   kinds of change that lowered val_bpb on average, strongest first
 * @param hurt     kinds of change that raised it, worst first
 * @param failures failures that recur, most frequent first (the 20 most frequent)
 * @param text     all of it as compact text for a prompt, within the requested size; failure messages quoted,
 *                 1,500 characters of them at most
 */
public record Lessons(String runId, List<String> runIds, List<LessonStatistics> helped, List<LessonStatistics> hurt,
                      List<RecurringFailure> failures, String text) {
}
