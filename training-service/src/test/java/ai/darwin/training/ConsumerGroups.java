package ai.darwin.training;

import ai.darwin.testing.KafkaBrokerResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** The training consumer group as the broker sees it. */
final class ConsumerGroups {

    static final String TRAINING = "training-service";

    private ConsumerGroups() {
    }

    /** @return how many consumers are members of the training group; 0 when it was never joined */
    static int trainingMembers() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(TRAINING)).all().get().get(TRAINING).members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw new IllegalStateException(e);
        }
    }
}
