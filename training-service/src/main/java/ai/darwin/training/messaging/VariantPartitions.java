package ai.darwin.training.messaging;

import ai.darwin.training.worker.RunningVariants;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Follows which variant partitions this worker owns. With the cooperative assignor only partitions that really
 * move are revoked; a variant in training from one of them is abandoned, since the partition's new owner will
 * receive it again, and two workers must not both publish its result.
 */
@ApplicationScoped
@Identifier(VariantPartitions.NAME)
public class VariantPartitions implements KafkaConsumerRebalanceListener {

    public static final String NAME = "variant-partitions";
    private static final Logger LOG = Logger.getLogger(VariantPartitions.class);

    private final RunningVariants running;

    VariantPartitions(RunningVariants running) {
        this.running = running;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        running.assigned(partitions);
        LOG.debugf("assigned %s", partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        running.revoked(partitions);
        LOG.debugf("revoked %s", partitions);
    }
}
