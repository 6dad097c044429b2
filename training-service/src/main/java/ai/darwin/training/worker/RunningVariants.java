package ai.darwin.training.worker;

import ai.darwin.training.sandbox.Cancellation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The variants this worker is training and the partitions it owns: a variant whose partition moves to another
 * worker, or that is running when this worker shuts down, is cancelled and left uncommitted for the group.
 */
@ApplicationScoped
public class RunningVariants {

    private record Running(TopicPartition partition, Cancellation cancellation) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();

    /** @param partition where the variant came from; null when it did not come from Kafka (tests) */
    public Cancellation start(String variantId, TopicPartition partition) {
        Cancellation cancellation = new Cancellation();
        running.put(variantId, new Running(partition, cancellation));
        return cancellation;
    }

    public void finish(String variantId) {
        running.remove(variantId);
    }

    public int count() {
        return running.size();
    }

    public void cancelAll(String reason) {
        running.values().forEach(r -> r.cancellation().cancel(reason));
    }

    public void assigned(Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
    }

    /** The partitions went to another worker: whatever of theirs runs here is abandoned to it. */
    public void revoked(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
        running.values().stream().filter(r -> partitions.contains(r.partition()))
                .forEach(r -> r.cancellation().cancel("partition " + r.partition() + " moved to another worker"));
    }

    /** @return whether this worker still owns the partition (true for messages that did not come from Kafka) */
    public boolean owns(TopicPartition partition) {
        return partition == null || owned.contains(partition);
    }
}
