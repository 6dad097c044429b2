package ai.darwin.platform.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Fetches, at start-up, the metadata of every topic a service writes to, so that its first event is not held up by
 * the producer looking the topic up (measured here: hundreds of milliseconds on the first event of each channel,
 * which a fresh run paid on its first variants). Runs after the messaging channels are wired; a broker that is not
 * there yet only means the first send looks the topic up itself.
 */
@ApplicationScoped
public class ProducerWarmUp {

    private static final Logger LOG = Logger.getLogger(ProducerWarmUp.class);

    private final KafkaClientService clients;
    private final Config config;

    ProducerWarmUp(KafkaClientService clients, Config config) {
        this.clients = clients;
        this.config = config;
    }

    void warm(@Observes StartupEvent event) {
        for (String channel : clients.getProducerChannels()) {
            String topic = config.getOptionalValue("mp.messaging.outgoing." + channel + ".topic", String.class)
                    .orElse(channel);
            clients.getProducer(channel).partitionsFor(topic).subscribe().with(
                    partitions -> LOG.debugf("channel %s: %d partitions of %s known", channel, partitions.size(),
                            topic),
                    failure -> LOG.debugf("channel %s: %s not looked up yet (%s)", channel, topic, failure));
        }
    }
}
