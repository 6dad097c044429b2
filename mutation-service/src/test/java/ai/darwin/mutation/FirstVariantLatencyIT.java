package ai.darwin.mutation;

import static ai.darwin.mutation.Scripted.SEED;
import static ai.darwin.mutation.Scripted.publish;
import static ai.darwin.mutation.Scripted.watch;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Proposal generation must not keep training workers waiting: with an LLM that takes 2 s per answer and four
 * proposals at a time, the first of eight variants is on the broker after about 2 s, not after all eight. Measured
 * on a warm service, as a running evolution is: a first, one-assignment generation warms the path.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeOpenAiResource.class)
class FirstVariantLatencyIT {

    private static final Logger LOG = Logger.getLogger(FirstVariantLatencyIT.class);
    private static final Pattern AGENT_NUMBER = Pattern.compile("You are agent slow-(\\d+)\\.");

    @Test
    void theFirstOfEightVariantsIsPublishedAboutTwoSecondsAfterTheGenerationOpens() {
        // each agent its own change: the same program from two agents would make the later a duplicate, repaired
        FakeOpenAiResource.server().script("slow", FakeOpenAi.Step.computed(FirstVariantLatencyIT::warmupEdit)
                .after(2000));
        String run = "run-latency";
        ConsumerTask<String, String> variants = watch(Topics.VARIANTS.name());
        ConsumerTask<String, String> generations = watch(Topics.GENERATIONS.name());
        publish(Scripted.runRequested(run, "llm", 0));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        publish(Scripted.generation(run, 0, Map.of("slow-0", SEED)));
        await().atMost(Duration.ofSeconds(30)).until(() -> publishedAt(variants, run), l -> l.size() == 1);

        Map<String, String> programs = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            // each its own program (a different log interval): the same edit to the same program would be a duplicate
            programs.put("slow-" + i, SEED.replace("LOG_INTERVAL = 10;", "LOG_INTERVAL = " + (10 + i) + ";"));
        }
        publish(Scripted.generation(run, 1, programs));
        long opened = await().atMost(Duration.ofSeconds(10)).until(() -> publishedAt(generations, run),
                l -> l.size() == 2).get(1);

        List<Long> published = await().atMost(Duration.ofSeconds(60)).until(() -> publishedAt(variants, run),
                l -> l.size() >= 9);
        long first = published.get(1) - opened;
        long last = published.get(8) - opened;
        LOG.infof("first of 8 variants published %d ms after the generation, the last after %d ms", first, last);
        assertThat(first).as("first variant after %d ms, last after %d ms", first, last).isBetween(2000L, 3500L);
        // the second wave of four starts when the first ends: the first variant did not wait for it
        assertThat(last - first).isGreaterThan(1500L);
        variants.close();
        generations.close();
    }

    /** An edit of the warmup that differs by agent: {@code slow-3} sets 130 steps. */
    private static String warmupEdit(FakeOpenAi.Request request) {
        Matcher agent = AGENT_NUMBER.matcher(request.lastMessage());
        int steps = 100 + 10 * (agent.find() ? Integer.parseInt(agent.group(1)) : 0);
        return "{\"reasoning\": \"Set the warmup to " + steps + " steps.\", \"mode\": \"EDITS\", \"edits\": "
                + "[{\"search\": \"    static final int WARMUP_STEPS = 100;\", \"replace\": \"    static final int "
                + "WARMUP_STEPS = " + steps + ";\"}], \"program\": \"\", \"upgradeRequests\": []}";
    }

    /** When each event of the run reached the broker (the record's timestamp), in order. */
    private static List<Long> publishedAt(ConsumerTask<String, String> events, String run) {
        return events.getRecords().stream().filter(r -> EventCodec.readAny(r.value()).runId().equals(run))
                .map(ConsumerRecord::timestamp).sorted().toList();
    }
}
