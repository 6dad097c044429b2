package ai.darwin.hitl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.hitl.messaging.EventConsumer;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dashboard is told of each stored event of its run over server-sent events, and of no other run's. */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class UpdatesStreamTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @TestHTTPResource("/api/updates?runId=run-live")
    URI stream;

    @Test
    void aStoredProgressReportIsPushedToThePagesOfItsRun() throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(stream)
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Iterator<String> lines = response.body().iterator();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    return line;
                }
            }
            return null;
        });
        // another run's report first: its page is told, this one is not
        send(new TrainingProgress(Envelope.of("run-other"), 0, "v-other", "worker-1", 1, 10, 3.0, 100, 9, 0.1));
        send(new TrainingProgress(Envelope.of("run-live"), 0, "v-live", "worker-1", 1, 10, 3.0, 100, 9, 0.1));

        assertThat(first.get(30, TimeUnit.SECONDS)).contains("\"runId\":\"run-live\"")
                .contains("\"event\":\"TrainingProgress\"").contains("\"variantId\":\"v-live\"");
    }

    private void send(DarwinEvent event) {
        connector.source(EventConsumer.CHANNEL).send(EventCodec.write(event));
    }
}
