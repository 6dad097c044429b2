package ai.darwin.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A gauge whose value is asked of a broker or a database on a thread of its own, every interval, and read from
 * memory by a scrape: a scrape that asked itself would block the HTTP event loop for as long as the broker or the
 * database takes to answer. The gauge reads NaN until the first answer and after a failed one, so a dashboard shows a
 * gap rather than a stale number.
 */
public final class PolledGauge implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PolledGauge.class);

    private final String name;
    private final Supplier<OptionalLong> source;
    private final AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
    private final ScheduledExecutorService poller;

    /**
     * @param source the current value; empty, or an exception, when it cannot be known now
     */
    public PolledGauge(MeterRegistry registry, String name, String description, Tags tags,
                       Supplier<OptionalLong> source, Duration interval) {
        this.name = name;
        this.source = source;
        Gauge.builder(name, value, v -> v.get()).description(description).tags(tags).register(registry);
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gauge " + name);
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the source once, now. Synchronised so that a slow answer read before a newer one can never be written
     * after it: the scheduled poll and a caller's poll take turns.
     */
    public synchronized void poll() {
        try {
            OptionalLong current = source.get();
            value.set(current.isPresent() ? (double) current.getAsLong() : Double.NaN);
        } catch (RuntimeException e) {
            value.set(Double.NaN);
            LOG.debugf("gauge %s unknown for now: %s", name, e.toString());
        }
    }

    /** @return the value a scrape reads now */
    public double value() {
        return value.get();
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
