package ai.darwin.local.cli;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.VariantProposed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How well a run used its training workers, from its events' timestamps (one machine, one clock).
 *
 * <p>Every training slot (a worker id; several slots where a worker trains variants side by side) is followed from
 * its first start to its last result. Its time is training (a start to its result, child JVM start-up included),
 * idle while work was queued (no training while some variant was proposed and not yet started by anyone, wherever
 * that variant was waiting: an idle slot counts even when the variant sat in another worker's partitions), or idle
 * with nothing to do. An attempt that never got a result (its worker was killed or gave it back) counts as neither,
 * up to the slot's next start.
 *
 * <p>Two event hops, each measured from the moment the next step could begin: a variant proposed (or its slot freed,
 * whichever is later) until its first training started; a generation's last result until the generation closed.
 * Counted apart, because their waits are not the steady-state hop: a variant started again after a lost worker
 * (fail-over time), a generation closed on its deadline (deadline time), and each worker's first variant (a cold
 * start: the JVMs of a freshly started stack still interpret the code paths they run for the first time, and the
 * first connections are opened; measured here at 1 to 3 s once per worker).
 *
 * @param busyFraction     training time / (training time + idle time while work was queued)
 * @param trainingSeconds  slot time spent training
 * @param idleWhileQueued  slot time idle while some variant waited
 * @param dispatchMillis   per variant's first start: from when it could start to TrainingStarted
 * @param closeMillis      per generation closed by its results: from its last result to GenerationClosed
 * @param restarted        variants started again after an attempt without a result
 * @param closedOnDeadline generations closed with a straggler timed out
 * @param slowestDispatch  the variant that waited longest for its slot (cold starts aside), or null
 * @param coldStartMillis  per worker: the dispatch time of its first variant
 */
public record ThroughputReport(double busyFraction, double trainingSeconds, double idleWhileQueued,
                               List<Long> dispatchMillis, List<Long> closeMillis, int restarted,
                               int closedOnDeadline, String slowestDispatch, List<Long> coldStartMillis) {

    public static ThroughputReport of(List<DarwinEvent> events) {
        Map<String, Instant> proposed = new HashMap<>();
        List<TrainingStarted> starts = new ArrayList<>();
        Map<String, TrainingResult> results = new HashMap<>();
        Map<Integer, Instant> lastResult = new TreeMap<>();
        List<GenerationClosed> closed = new ArrayList<>();
        for (DarwinEvent event : events) {
            if (event instanceof VariantProposed v) {
                proposed.merge(v.variantId(), v.timestamp(), (a, b) -> a.isBefore(b) ? a : b);
            } else if (event instanceof TrainingStarted s) {
                starts.add(s);
            } else if (event instanceof TrainingResult r && results.putIfAbsent(r.variantId(), r) == null) {
                lastResult.merge(r.generation(), r.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
            } else if (event instanceof GenerationClosed c) {
                closed.add(c);
            }
        }
        starts.sort(Comparator.comparing(TrainingStarted::timestamp));
        Map<String, Instant> firstStart = new LinkedHashMap<>();
        starts.forEach(s -> firstStart.putIfAbsent(s.variantId(), s.timestamp()));
        List<Span> queued = merge(proposed.entrySet().stream()
                .map(p -> new Span(p.getValue(), firstStart.getOrDefault(p.getKey(), Instant.MAX)))
                .filter(span -> span.end().isAfter(span.start())).toList());

        List<List<Attempt>> slots = slots(starts, results);
        double training = 0;
        double idle = 0;
        List<Long> dispatch = new ArrayList<>();
        List<Long> cold = new ArrayList<>();
        Map<String, Instant> workerFirstStart = new HashMap<>();
        starts.forEach(s -> workerFirstStart.putIfAbsent(s.workerId(), s.timestamp()));
        String slowest = null;
        long slowestMillis = -1;
        for (List<Attempt> slot : slots) {
            Instant free = null;
            for (int i = 0; i < slot.size(); i++) {
                Attempt attempt = slot.get(i);
                if (free != null && attempt.start().isAfter(free)) {
                    idle += overlapSeconds(new Span(free, attempt.start()), queued);
                }
                if (attempt.start().equals(firstStart.get(attempt.variantId()))) {
                    Instant queuedAt = proposed.getOrDefault(attempt.variantId(), attempt.start());
                    Instant couldStart = free == null || queuedAt.isAfter(free) ? queuedAt : free;
                    long millis = Math.max(0, Duration.between(couldStart, attempt.start()).toMillis());
                    if (attempt.start().equals(workerFirstStart.get(attempt.worker()))) {
                        cold.add(millis);
                    } else {
                        dispatch.add(millis);
                        if (millis > slowestMillis) {
                            slowestMillis = millis;
                            slowest = attempt.variantId();
                        }
                    }
                }
                if (attempt.end() != null) {
                    training += seconds(attempt.start(), attempt.end());
                    free = attempt.end();
                } else {
                    // no result: the slot's state is unknown until it starts something else
                    free = i + 1 < slot.size() ? slot.get(i + 1).start() : null;
                }
            }
        }
        List<Long> close = new ArrayList<>();
        int onDeadline = 0;
        for (GenerationClosed c : closed) {
            Instant last = lastResult.get(c.generation());
            if (c.ranking().stream().anyMatch(r -> r.outcome() == VariantOutcome.TIMED_OUT)) {
                onDeadline++;
            } else if (last != null) {
                close.add(Math.max(0, Duration.between(last, c.timestamp()).toMillis()));
            }
        }
        int restarted = (int) starts.stream().filter(s -> !s.timestamp().equals(firstStart.get(s.variantId())))
                .map(TrainingStarted::variantId).distinct().count();
        return new ThroughputReport(training + idle == 0 ? 0 : training / (training + idle), training, idle,
                dispatch, close, restarted, onDeadline, slowest, cold);
    }

    public static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Whether the run met the targets this report is held to: 95 % busy while queued, both hops' p99 under 200 ms. */
    public boolean meetsTargets() {
        return busyFraction >= 0.95 && percentile(dispatchMillis, 99) < 200 && percentile(closeMillis, 99) < 200;
    }

    public String text() {
        StringBuilder text = new StringBuilder(String.format("""
                Throughput and overhead
                  training workers busy while work was queued: %.1f%% (training %.0f s, idle while queued %.1f s; target >= 95%%)
                  hop variant proposed -> training started:    p50 %d ms, p99 %d ms over %d variants (target p99 < 200 ms)
                  hop last result -> generation closed:        p50 %d ms, p99 %d ms over %d generations (target p99 < 200 ms)
                """, 100 * busyFraction, trainingSeconds, idleWhileQueued, percentile(dispatchMillis, 50),
                percentile(dispatchMillis, 99), dispatchMillis.size(), percentile(closeMillis, 50),
                percentile(closeMillis, 99), closeMillis.size()));
        if (slowestDispatch != null) {
            text.append(String.format("  slowest dispatch: %s (%d ms)%n", slowestDispatch,
                    dispatchMillis.stream().mapToLong(Long::longValue).max().orElse(0)));
        }
        if (!coldStartMillis.isEmpty()) {
            text.append(String.format("  not in the hops: each worker's first variant (cold start), dispatched in %s ms%n",
                    coldStartMillis.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        if (restarted > 0 || closedOnDeadline > 0) {
            text.append(String.format("  not in the hops: %d variant(s) started again after a lost worker, "
                    + "%d generation(s) closed on their deadline%n", restarted, closedOnDeadline));
        }
        return text.toString();
    }

    /**
     * Each worker's attempts in start order, split into slots where a worker ran several at once: an attempt goes to
     * the first slot whose previous attempt had ended by its start.
     */
    private static List<List<Attempt>> slots(List<TrainingStarted> starts, Map<String, TrainingResult> results) {
        Map<String, List<List<Attempt>>> byWorker = new LinkedHashMap<>();
        for (TrainingStarted s : starts) {
            TrainingResult result = results.get(s.variantId());
            Instant end = result != null && s.workerId().equals(result.workerId())
                    && !result.timestamp().isBefore(s.timestamp()) ? result.timestamp() : null;
            Attempt attempt = new Attempt(s.variantId(), s.workerId(), s.timestamp(), end);
            List<List<Attempt>> slots = byWorker.computeIfAbsent(s.workerId(), w -> new ArrayList<>());
            slots.stream().filter(slot -> slot.get(slot.size() - 1).endsBy(attempt.start())).findFirst()
                    .orElseGet(() -> {
                        List<Attempt> slot = new ArrayList<>();
                        slots.add(slot);
                        return slot;
                    }).add(attempt);
        }
        return byWorker.values().stream().flatMap(List::stream).toList();
    }

    private static List<Span> merge(List<Span> spans) {
        List<Span> sorted = spans.stream().sorted(Comparator.comparing(Span::start)).toList();
        List<Span> merged = new ArrayList<>();
        for (Span span : sorted) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !span.start().isAfter(last.end())) {
                merged.set(merged.size() - 1, new Span(last.start(), span.end().isAfter(last.end()) ? span.end()
                        : last.end()));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    private static double overlapSeconds(Span gap, List<Span> queued) {
        double total = 0;
        for (Span span : queued) {
            Instant from = span.start().isAfter(gap.start()) ? span.start() : gap.start();
            Instant to = span.end().isBefore(gap.end()) ? span.end() : gap.end();
            if (to.isAfter(from)) {
                total += seconds(from, to);
            }
        }
        return total;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private record Span(Instant start, Instant end) {
    }

    private record Attempt(String variantId, String worker, Instant start, Instant end) {

        /** Whether this attempt was over by then; one without a result may still have been running. */
        boolean endsBy(Instant time) {
            return end != null && !end.isAfter(time);
        }
    }
}
