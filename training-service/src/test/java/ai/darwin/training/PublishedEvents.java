package ai.darwin.training;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.testing.KafkaBrokerResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the workers publish on the training topics from now on, read back as the contract events of one run. */
final class PublishedEvents implements AutoCloseable {

    private final String runId;
    private final KafkaCompanion kafka = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
    private final ConsumerTask<String, String> records = kafka.consumeStrings()
            .fromTopics(Topics.TRAINING_PROGRESS.name(), Topics.TRAINING_RESULTS.name());

    PublishedEvents(String runId) {
        this.runId = runId;
    }

    /** The companion, to publish with. */
    KafkaCompanion kafka() {
        return kafka;
    }

    List<ConsumerRecord<String, String>> records() {
        return records.getRecords();
    }

    <T extends DarwinEvent> List<T> of(Class<T> type) {
        return records().stream().map(ConsumerRecord::value).map(EventCodec::readAny).filter(type::isInstance)
                .map(type::cast).filter(e -> e.runId().equals(runId)).toList();
    }

    @Override
    public void close() {
        records.close();
        kafka.close();
    }
}
