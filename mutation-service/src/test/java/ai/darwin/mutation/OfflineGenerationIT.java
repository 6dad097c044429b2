package ai.darwin.mutation;

import static ai.darwin.mutation.Scripted.SEED;
import static ai.darwin.mutation.Scripted.events;
import static ai.darwin.mutation.Scripted.publish;
import static ai.darwin.mutation.Scripted.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import ai.darwin.events.Sha256;
import ai.darwin.events.Topics;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.offline.OfflineMutator;
import ai.darwin.mutation.program.AssignmentSeed;
import ai.darwin.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The service loop on the real broker with the random knob mutator, asked for by its old name ("offline"). */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeOpenAiResource.class)
class OfflineGenerationIT {

    static final String BROKEN = "public class Broken implements TrainingProgram { oops";

    @Test
    void everyMutateAssignmentGetsOneValidatedVariantAndARedeliveredGenerationChangesNothing() throws Exception {
        String run = "run-offline";
        ConsumerTask<String, String> variants = watch(Topics.VARIANTS.name());
        publish(Scripted.runRequested(run, "offline", 0));
        Map<String, String> programs = new LinkedHashMap<>();
        programs.put("ada", SEED);
        programs.put("bob", SEED);
        programs.put("cyd", BROKEN);
        GenerationOpened mutations = Scripted.generation(run, 1, programs, "keep the model small");
        List<Assignment> assignments = new ArrayList<>(mutations.assignments());
        assignments.add(new Assignment(run + "-g1-baseline", AssignmentKind.BASELINE, "ada", "ada",
                Scripted.parentOf(run, "ada"), 5));
        GenerationOpened generation = new GenerationOpened(mutations.eventId(), mutations.schemaVersion(), run,
                mutations.timestamp(), 1, mutations.agents(), assignments, mutations.dataset(), mutations.budget(),
                mutations.guidance(), mutations.deadline());
        publish(generation);

        List<VariantProposed> proposed = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(variants, VariantProposed.class, run), l -> l.size() >= 3);
        Map<String, VariantProposed> byAssignment = proposed.stream()
                .collect(Collectors.toMap(VariantProposed::assignmentId, v -> v));
        assertThat(byAssignment).containsOnlyKeys(run + "-g1-a0", run + "-g1-a1", run + "-g1-a2");
        for (Assignment assignment : mutations.assignments()) {
            VariantProposed variant = byAssignment.get(assignment.assignmentId());
            assertThat(variant.variantId()).isEqualTo(assignment.assignmentId() + "-v");
            assertThat(variant.kind()).isEqualTo(AssignmentKind.MUTATE);
            assertThat(variant.mutatorAgentId()).isEqualTo(assignment.mutatorAgentId());
            assertThat(variant.targetAgentId()).isEqualTo(assignment.targetAgentId());
            assertThat(variant.parentVariantIds()).containsExactly(assignment.parentVariantId());
            assertThat(variant.sourceSha256()).isEqualTo(Sha256.of(variant.source()));
            assertThat(variant.dataset()).isEqualTo(Scripted.DATASET);
            assertThat(variant.budget()).isEqualTo(Scripted.BUDGET);
            assertThat(variant.trainingSeed()).isEqualTo(assignment.trainingSeed());
            assertThat(variant.mutator().kind()).isEqualTo("random");
            assertThat(variant.usage().llmCalls()).isZero();
        }

        // ada rewrites bob's program and bob rewrites cyd's, which does not parse
        VariantProposed valid = byAssignment.get(run + "-g1-a0");
        assertThat(valid.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(valid.validationErrors()).isEmpty();
        assertThat(valid.source()).isEqualTo(new OfflineMutator().mutate(SEED,
                AssignmentSeed.of(1000, run + "-g1-a0"), "cpu").source());
        assertThat(valid.reasoning().lines().findFirst().orElseThrow()).contains("→")
                .doesNotContain("Offline mutation");
        assertThat(valid.reasoning()).contains("Offline mutation, seed ", "preset cpu");
        // the preset the offline mutator edited for is the one the worker hands the harness
        assertThat(valid.preset()).isEqualTo("cpu");
        assertThat(valid.diff()).startsWith("--- a/SeedGpt.java\n+++ b/SeedGpt.java\n@@ ");
        VariantProposed carried = byAssignment.get(run + "-g1-a1");
        assertThat(carried.status()).isEqualTo(ProposalStatus.CARRIED_FORWARD);
        assertThat(carried.source()).isEqualTo(BROKEN);
        assertThat(carried.diff()).isEmpty();
        assertThat(carried.validationErrors()).hasSize(3).allMatch(e -> e.contains("does not parse"));
        assertThat(carried.reasoning()).contains("Carried forward unchanged");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("darwin_mutation_proposals_total{mutator=\"random\",status=\"CARRIED_FORWARD\"}"));

        publish(generation);
        Thread.sleep(3000);
        assertThat(events(variants, VariantProposed.class, run)).hasSize(3);
        variants.close();
    }

    @Test
    void aMalformedGenerationGoesToTheDeadLetterTopicWithItsReason() {
        ConsumerTask<String, String> deadLetters = watch(Topics.DEAD_LETTERS.name());
        Scripted.kafka().produceStrings().fromRecords(new ProducerRecord<>(Topics.GENERATIONS.name(), "run-malformed",
                "{\"type\":\"GenerationOpened\",\"runId\":\"run-malformed\"}")).awaitCompletion();
        ConsumerRecord<String, String> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters.getRecords().stream().filter(r -> "run-malformed".equals(r.key())).toList(),
                        l -> !l.isEmpty()).get(0);
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertThat(reason).contains("GenerationEvent");
        deadLetters.close();
    }
}
