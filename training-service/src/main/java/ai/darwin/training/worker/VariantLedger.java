package ai.darwin.training.worker;

import ai.darwin.events.EventCodec;
import ai.darwin.events.MalformedEventException;
import ai.darwin.events.Topics;
import ai.darwin.events.training.TrainingProgressEvent;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.platform.kafka.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the whole consumer group has done with each variant, read back from the topics: which variants have a
 * result (so a redelivered one is not trained twice) and how often each was started (the attempt number of the
 * next start). A {@link TopicFollower} reads the results and progress topics from their beginning; a worker asks it
 * to {@link #awaitCaughtUp catch up} before it decides, so that every result the broker acknowledged before the
 * question is counted. Workers ask before every variant, and the follower answers within a round trip to the broker
 * (tens of milliseconds): that wait is part of every variant's dispatch time.
 */
@ApplicationScoped
public class VariantLedger {

    private static final String STARTED_TYPE = "\"TrainingStarted\"";

    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    /** Variant id to the event ids of its TrainingStarted events: re-reading or a duplicate counts once. */
    private final Map<String, Set<String>> starts = new ConcurrentHashMap<>();
    private final TopicFollower follower;

    @Inject
    VariantLedger(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.follower = new TopicFollower("darwin-variant-ledger", kafka,
                List.of(Topics.TRAINING_RESULTS.name(), Topics.TRAINING_PROGRESS.name()), this::read);
    }

    void start(@Observes StartupEvent event) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        follower.close();
    }

    /** @return whether a result for the variant was published (by any worker) */
    public boolean hasResult(String variantId) {
        return finished.contains(variantId);
    }

    /** @return how many times a worker announced it started the variant */
    public int starts(String variantId) {
        return starts.getOrDefault(variantId, Set.of()).size();
    }

    /** Records a result this worker's broker acknowledged, before it comes back from the topic. */
    public void recordResult(String variantId) {
        finished.add(variantId);
        starts.remove(variantId);
    }

    /** @return whether the ledger has read everything published before it started */
    public boolean caughtUpOnce() {
        return follower.caughtUpOnce();
    }

    /**
     * Waits until the ledger has read every record the topics held when it was called.
     *
     * @return false when that took longer than the timeout
     */
    public boolean awaitCaughtUp(Duration timeout) {
        return follower.awaitCaughtUp(timeout);
    }

    private void read(ConsumerRecord<String, String> record) {
        String value = record.value();
        if (value == null) {
            return;
        }
        try {
            if (record.topic().equals(Topics.TRAINING_RESULTS.name())) {
                recordResult(EventCodec.read(value, TrainingResult.class).variantId());
            } else if (value.contains(STARTED_TYPE)
                    && EventCodec.read(value, TrainingProgressEvent.class) instanceof TrainingStarted started
                    && !finished.contains(started.variantId())) {
                starts.computeIfAbsent(started.variantId(), id -> ConcurrentHashMap.newKeySet()).add(started.eventId());
            }
        } catch (MalformedEventException e) {
            // not ours to judge: the consumers of these topics dead-letter it
        }
    }
}
