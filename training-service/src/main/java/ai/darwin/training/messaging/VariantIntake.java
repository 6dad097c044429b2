package ai.darwin.training.messaging;

import ai.darwin.training.config.TrainingConfig;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The variants channel starts paused, and its Kafka consumer joins the group only when it is resumed
 * ({@code pausable.late-subscription}): a worker that cannot isolate untrusted code, or has not calibrated yet,
 * holds no partitions, so its variants go to the workers that can train them.
 */
@ApplicationScoped
public class VariantIntake {

    private static final Logger LOG = Logger.getLogger(VariantIntake.class);

    private final ChannelRegistry registry;
    private final TrainingConfig config;

    VariantIntake(ChannelRegistry registry, TrainingConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /** Lets variants in: resumes the channel, or each of its copies when the channel has a concurrency above 1. */
    public void open() {
        int resumed = 0;
        for (String name : channelNames()) {
            PausableChannel channel = registry.getPausable(name);
            if (channel != null) {
                channel.resume();
                resumed++;
            }
        }
        if (resumed == 0) {
            LOG.warnf("no pausable '%s' channel to resume: is mp.messaging.incoming.%s.pausable set?",
                    VariantConsumer.CHANNEL, VariantConsumer.CHANNEL);
        }
    }

    private List<String> channelNames() {
        List<String> names = new ArrayList<>(List.of(VariantConsumer.CHANNEL));
        for (int i = 1; i <= config.concurrency(); i++) {
            names.add(VariantConsumer.CHANNEL + "$" + i);
        }
        return names;
    }
}
