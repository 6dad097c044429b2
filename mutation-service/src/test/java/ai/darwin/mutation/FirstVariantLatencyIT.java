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
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Proposal generation must not keep training workers waiting: with an LLM that takes 3 s per answer and four
 * proposals at a time, the first of eight variants is on the broker once its answer is in, before the second wave of
 * four has been answered, not after all eight. The bound is taken from when the fake LLM answered the second wave, so
 * that a loaded machine slows both sides alike. Measured on a warm service, as a running evolution is: a first,
 * one-assignment generation warms the path.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = FakeOpenAiResource.class, initArgs = @ResourceArg(name = "timeout", value = "PT20S"))
class FirstVariantLatencyIT {

    private static final Logger LOG = Logger.getLogger(FirstVariantLatencyIT.class);
    private static final Pattern AGENT_NUMBER = Pattern.compile("You are agent slow-(\\d+)\\.");
    private static final long ANSWER_MILLIS = 3000;
    /** When the fake LLM answered each request of generation 1 (agents slow-1 to slow-8). */
    private static final List<Long> ANSWERED = new CopyOnWriteArrayList<>();

    @Test
    void theFirstOfEightVariantsIsPublishedBeforeTheSecondWaveIsAnswered() {
        // each agent its own change: the same program from two agents would make the later a duplicate, repaired
        FakeOpenAiResource.server().script("slow", FakeOpenAi.Step.computed(FirstVariantLatencyIT::warmupEdit)
                .after(ANSWER_MILLIS));
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
        assertThat(first).as("no variant before its LLM answer").isGreaterThanOrEqualTo(ANSWER_MILLIS);
        List<Long> answered = ANSWERED.stream().sorted().toList();
        assertThat(answered).as("eight LLM answers, four at a time").hasSize(8);
        long secondWaveAnswered = answered.get(4);
        assertThat(published.get(1)).as("the first variant is published before the second wave is answered "
                + "(first after %d ms, last after %d ms)", first, last).isLessThan(secondWaveAnswered);
        // the second wave of four starts when the first ends: the first variant did not wait for it
        assertThat(last - first).isGreaterThan(ANSWER_MILLIS - 500);
        variants.close();
        generations.close();
    }

    /** An edit of the warmup that differs by agent, never the seed's own 100: {@code slow-3} sets 140 steps. */
    private static String warmupEdit(FakeOpenAi.Request request) {
        Matcher agent = AGENT_NUMBER.matcher(request.lastMessage());
        int number = agent.find() ? Integer.parseInt(agent.group(1)) : 0;
        if (number > 0) {
            ANSWERED.add(System.currentTimeMillis()); // computed as the answer is sent, after the delay
        }
        int steps = 110 + 10 * number;
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
