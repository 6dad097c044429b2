package ai.darwin.local.cli;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.VariantProposed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well a run used its training workers, from its events' timestamps (one machine, one clock):
 * the share of worker time spent training while work was queued, and the latency of two event hops, each measured
 * from the moment the next step could begin: a variant proposed (or its worker freed) until training started, and a
 * generation's last result until the generation closed.
 *
 * @param busyFraction        training time / (training time + idle time while a variant waited)
 * @param trainingSeconds     worker time spent training
 * @param idleWhileQueued     worker time idle while a variant waited
 * @param dispatchMillis      per variant: from when it could start to TrainingStarted
 * @param closeMillis         per generation: from its last result to GenerationClosed
 */
public record ThroughputReport(double busyFraction, double trainingSeconds, double idleWhileQueued,
                        List<Long> dispatchMillis, List<Long> closeMillis) {

    public static ThroughputReport of(List<DarwinEvent> events) {
        Map<String, Instant> proposed = new HashMap<>();
        Map<String, TrainingStarted> started = new HashMap<>();
        Map<String, TrainingResult> results = new HashMap<>();
        Map<Integer, Instant> lastResult = new TreeMap<>();
        List<GenerationClosed> closed = new ArrayList<>();
        for (DarwinEvent event : events) {
            if (event instanceof VariantProposed v) {
                proposed.putIfAbsent(v.variantId(), v.timestamp());
            } else if (event instanceof TrainingStarted s) {
                started.put(s.variantId(), s);
            } else if (event instanceof TrainingResult r && results.putIfAbsent(r.variantId(), r) == null) {
                lastResult.merge(r.generation(), r.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
            } else if (event instanceof GenerationClosed c) {
                closed.add(c);
            }
        }
        Map<String, List<Interval>> busy = new HashMap<>();
        for (TrainingStarted s : started.values()) {
            TrainingResult result = results.get(s.variantId());
            if (result != null) {
                busy.computeIfAbsent(s.workerId(), w -> new ArrayList<>()).add(new Interval(s.timestamp(),
                        result.timestamp(), s.variantId()));
            }
        }
        double training = 0;
        double idle = 0;
        List<Long> dispatch = new ArrayList<>();
        for (List<Interval> intervals : busy.values()) {
            intervals.sort(Comparator.comparing(Interval::start));
            Instant free = null;
            for (Interval interval : intervals) {
                training += seconds(interval.start(), interval.end());
                Instant queuedAt = proposed.getOrDefault(interval.variantId(), interval.start());
                Instant couldStart = free == null || queuedAt.isAfter(free) ? queuedAt : free;
                if (interval.start().isAfter(couldStart)) {
                    idle += seconds(couldStart, interval.start());
                }
                dispatch.add(Math.max(0, Duration.between(couldStart, interval.start()).toMillis()));
                free = interval.end();
            }
        }
        List<Long> close = new ArrayList<>();
        for (GenerationClosed c : closed) {
            Instant last = lastResult.get(c.generation());
            if (last != null) {
                close.add(Math.max(0, Duration.between(last, c.timestamp()).toMillis()));
            }
        }
        return new ThroughputReport(training + idle == 0 ? 0 : training / (training + idle), training, idle,
                dispatch, close);
    }

    public static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    public String text() {
        return String.format("""
                Throughput and overhead
                  training workers busy while work was queued: %.1f%% (training %.0f s, idle while queued %.1f s; target >= 95%%)
                  hop variant proposed -> training started:    p50 %d ms, p99 %d ms over %d variants (target p99 < 200 ms)
                  hop last result -> generation closed:        p50 %d ms, p99 %d ms over %d generations (target p99 < 200 ms)
                """, 100 * busyFraction, trainingSeconds, idleWhileQueued, percentile(dispatchMillis, 50),
                percentile(dispatchMillis, 99), dispatchMillis.size(), percentile(closeMillis, 50),
                percentile(closeMillis, 99), closeMillis.size());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private record Interval(Instant start, Instant end, String variantId) {
    }
}
