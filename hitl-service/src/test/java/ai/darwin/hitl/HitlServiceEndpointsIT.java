package ai.darwin.hitl;

import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.ServiceEndpointsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(MongoServerResource.class)
class HitlServiceEndpointsIT extends ServiceEndpointsContract {
}
