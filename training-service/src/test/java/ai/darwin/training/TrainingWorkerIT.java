package ai.darwin.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.Sha256;
import ai.darwin.events.Topics;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.training.harness.SplitProgram;
import ai.darwin.training.harness.compile.ProgramSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker inside this test's application, on the real broker: it trains the seed program and publishes every
 * metric, survives hostile programs one after the other, dead-letters what is not a variant, and does not train a
 * variant twice. The test JVM's environment holds an OPENAI_API_KEY (set by the build).
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class TrainingWorkerIT {

    static final String RUN = "run-worker-it";

    KafkaCompanion kafka;
    ConsumerTask<String, String> published;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
        published = kafka.consumeStrings().fromTopics(Topics.TRAINING_PROGRESS.name(),
                Topics.TRAINING_RESULTS.name(), Topics.DEAD_LETTERS.name());
    }

    @AfterEach
    void close() {
        published.close();
        kafka.close();
    }

    @Test
    void trainsTheSeedAndSurvivesHostileProgramsOneAfterAnother() {
        VariantProposed seed = Variants.variant(RUN, Variants.newId("seed"), TestPrograms.seed(),
                new TrainingBudget(4 * Variants.SEED_STEP_TOKENS, 0));
        VariantProposed loop = Variants.variant(RUN, Variants.newId("loop"),
                TestPrograms.hostile("while (ctx.vocabularySize() > 0) { }"), new TrainingBudget(0, 1));
        VariantProposed secret = Variants.variant(RUN, Variants.newId("secret"),
                TestPrograms.hostile("System.out.println(System.getenv(\"OPENAI_API_KEY\"));"),
                new TrainingBudget(64, 0));
        VariantProposed socket = Variants.variant(RUN, Variants.newId("socket"),
                TestPrograms.hostile("new java.net.Socket(\"example.com\", 80).close();"), new TrainingBudget(64, 0));
        for (VariantProposed variant : List.of(loop, secret, seed, socket)) {
            publish(variant);
        }
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.VARIANTS.name(), "not-a-variant",
                "{\"type\":\"VariantProposed\",\"variantId\":")).awaitCompletion(Duration.ofSeconds(30));

        Map<String, TrainingResult> results = await().atMost(Duration.ofSeconds(150))
                .until(() -> results(seed, loop, secret, socket), r -> r.size() == 4);

        TrainingCompleted completed = (TrainingCompleted) results.get(seed.variantId());
        TrainingMetrics m = completed.metrics();
        assertThat(List.of(m.valLoss(), m.valBitsPerByte(), m.perplexity(), m.finalTrainLoss(), m.tokensPerSecond(),
                m.flopsPerToken(), m.peakFlops(), m.mfu(), m.trainSeconds(), m.totalSeconds())).allMatch(v -> v > 0);
        assertThat(List.of(m.tokensTrained(), m.steps(), m.parameters(), m.peakMemoryBytes())).allMatch(v -> v > 0);
        assertThat(m.tokensTrained()).isEqualTo(4 * Variants.SEED_STEP_TOKENS);
        assertThat(m.device()).isEqualTo("cpu");
        assertThat(completed.architecture().vocabularySize()).isEqualTo(65);
        assertThat(completed.trainingSeed()).isEqualTo(seed.trainingSeed());
        // the harness's phase watch (the budget plus its grace) stops it before the sandbox's wall clock
        assertFailed(results.get(loop.variantId()), FailureClass.TIMEOUT, "ran past its");
        assertFailed(results.get(secret.variantId()), FailureClass.FORBIDDEN_API, "System.getenv");
        assertFailed(results.get(socket.variantId()), FailureClass.FORBIDDEN_API, "java.net.Socket");

        List<TrainingStarted> starts = events(TrainingStarted.class);
        assertThat(starts).extracting(TrainingStarted::variantId).containsExactlyInAnyOrder(seed.variantId(),
                loop.variantId(), secret.variantId(), socket.variantId());
        assertThat(starts).allMatch(s -> s.attempt() == 1 && !s.workerId().isBlank());
        assertThat(events(TrainingProgress.class)).filteredOn(p -> p.variantId().equals(seed.variantId()))
                .isNotEmpty().allMatch(p -> p.tokensSeen() > 0 && p.fractionDone() > 0 && p.fractionDone() <= 1);
        assertThat(published.getRecords()).filteredOn(r -> r.topic().equals(Topics.DEAD_LETTERS.name()))
                .anyMatch(r -> "not-a-variant".equals(r.key()));
    }

    /**
     * The run's smoke step reaches the harness through the variant's budget: a seed whose evaluation-mode logits
     * miss a token of the vocabulary, given a budget of two thousand steps, fails after the smoke step's two, with the
     * contract's class, the harness's marker, and the smoke step's wall time.
     */
    @Test
    void aVariantThatBreaksOnlyInEvaluationFailsInTheRunsSmokeStep() {
        String broken = TestPrograms.seed().replace("ids -> model.forward(ids, false));",
                "ids -> model.forward(ids, false).get(\":, :, :-1\"));");
        assertThat(broken).isNotEqualTo(TestPrograms.seed());
        VariantProposed variant = Variants.variant(RUN, Variants.newId("smoke"), broken,
                new TrainingBudget(2000 * Variants.SEED_STEP_TOKENS, 0, 2));
        publish(variant);

        TrainingResult result = await().atMost(Duration.ofSeconds(150))
                .until(() -> results(variant), r -> r.size() == 1).get(variant.variantId());

        assertFailed(result, FailureClass.CONTRACT_VIOLATION, "must have shape");
        TrainingFailed failed = (TrainingFailed) result;
        assertThat(failed.message()).startsWith("failed in the smoke step (its first 2 training steps");
        // two thousand steps are minutes of training on two cores; the smoke step ends the child in seconds
        assertThat(failed.wallSeconds()).isPositive().isLessThan(120);
        assertThat(events(TrainingProgress.class)).filteredOn(p -> p.variantId().equals(variant.variantId()))
                .allMatch(p -> p.tokensSeen() == 0);
    }

    /**
     * The harness hands the program the run's preset, which the variant carries, not the worker's own: a program that
     * reports {@code ctx.preset()} in its failure says which one it got. This worker configures none, so a variant
     * that names none gets its device's (cpu).
     */
    @Test
    void theRunsPresetReachesTheHarnessAndTheWorkersOwnOnlyWhenTheVariantNamesNone() {
        String tellPreset = "if (ctx.vocabularySize() > 0) { throw new IllegalStateException(\"trained with preset \" "
                + "+ ctx.preset()); }";
        VariantProposed gpuRun = Variants.variant(RUN, Variants.newId("gpu-run"), TestPrograms.hostile(tellPreset),
                new TrainingBudget(64, 0), "gpu");
        VariantProposed unnamed = Variants.variant(RUN, Variants.newId("no-preset"), TestPrograms.hostile(tellPreset),
                new TrainingBudget(64, 0));
        publish(gpuRun);
        publish(unnamed);

        Map<String, TrainingResult> results = await().atMost(Duration.ofSeconds(90))
                .until(() -> results(gpuRun, unnamed), r -> r.size() == 2);

        assertThat(((TrainingFailed) results.get(gpuRun.variantId())).message()).contains("trained with preset gpu");
        assertThat(((TrainingFailed) results.get(unnamed.variantId())).message()).contains("trained with preset cpu");
    }

    /**
     * What an approved NEW_IMPORT grants travels on the event, and only the worker's catalogue decides what it may
     * widen: events published straight to the topic, as if mutation-service were bypassed.
     */
    @Test
    void theEventsGrantsWidenTheCheckAndNothingOutsideTheCatalogueIsTrusted() {
        String drawing = TestPrograms.seed().replace("int vocab = ctx.vocabularySize();",
                "int vocab = ctx.vocabularySize(); java.util.random.RandomGenerator draws = new java.util.Random(7);"
                        + " if (draws.nextGaussian(0.0, 1.0) > 1e9) { vocab = vocab + 1; }");
        assertThat(drawing).contains("RandomGenerator");
        TrainingBudget budget = new TrainingBudget(Variants.SEED_STEP_TOKENS, 0);
        VariantProposed ungranted = Variants.variant(RUN, Variants.newId("ungranted"), drawing, budget);
        VariantProposed granted = Variants.variant(RUN, Variants.newId("granted"), drawing, budget, null,
                List.of("random-generator"));
        VariantProposed forged = Variants.variant(RUN, Variants.newId("forged"),
                TestPrograms.hostile("new java.io.File(\"/etc/passwd\").delete();"), budget, null,
                List.of("random-generator", "java.io.File"));
        for (VariantProposed variant : List.of(ungranted, granted, forged)) {
            publish(variant);
        }

        Map<String, TrainingResult> results = await().atMost(Duration.ofSeconds(120))
                .until(() -> results(ungranted, granted, forged), r -> r.size() == 3);

        assertFailed(results.get(ungranted.variantId()), FailureClass.FORBIDDEN_API,
                "java.util.random.RandomGenerator");
        assertThat(results.get(granted.variantId())).isInstanceOf(TrainingCompleted.class);
        assertThat(((TrainingCompleted) results.get(granted.variantId())).metrics().tokensTrained())
                .isEqualTo(Variants.SEED_STEP_TOKENS);
        assertFailed(results.get(forged.variantId()), FailureClass.FORBIDDEN_API,
                "'java.io.File' is not in the import catalogue");
        assertThat(events(TrainingStarted.class)).extracting(TrainingStarted::variantId)
                .contains(ungranted.variantId(), granted.variantId());
    }

    /**
     * A program of several files, published straight to the topic: split in two it trains as the seed does; a second
     * file that reads the environment, a path that climbs out of the program and a hash of the entry alone are
     * refused, each before any of the program's code runs.
     */
    @Test
    void aProgramOfSeveralFilesTrainsAndAHostileLayoutIsRefused() {
        ProgramSource split = SplitProgram.of(TestPrograms.seed());
        List<ProgramFile> files = split.files().entrySet().stream()
                .map(file -> new ProgramFile(file.getKey(), file.getValue())).toList();
        String leak = "package gpt;\npublic final class Leak {\n    static String home() { return System.getenv(\"HOME\"); }\n}\n";
        List<ProgramFile> leaking = new java.util.ArrayList<>(files);
        leaking.add(new ProgramFile("gpt/Leak.java", leak));
        TrainingBudget budget = new TrainingBudget(Variants.SEED_STEP_TOKENS, 0);
        VariantProposed twoFiles = Variants.variant(RUN, Variants.newId("two-files"), split.entry(), files, budget);
        VariantProposed helperLeaks = Variants.variant(RUN, Variants.newId("helper-leaks"), split.entry(), leaking,
                budget);
        VariantProposed climbing = Variants.variant(RUN, Variants.newId("climbing"), split.entry(),
                List.of(new ProgramFile("../../Escape.java", "class Escape {}")), budget);
        VariantProposed entryHashOnly = Variants.withFiles(
                Variants.variant(RUN, Variants.newId("entry-hash"), split.entry(), budget), files,
                Sha256.of(split.entry()));
        for (VariantProposed variant : List.of(twoFiles, helperLeaks, climbing, entryHashOnly)) {
            publish(variant);
        }

        Map<String, TrainingResult> results = await().atMost(Duration.ofSeconds(180))
                .until(() -> results(twoFiles, helperLeaks, climbing, entryHashOnly), r -> r.size() == 4);

        assertThat(results.get(twoFiles.variantId())).as("%s", results.get(twoFiles.variantId()))
                .isInstanceOf(TrainingCompleted.class);
        TrainingCompleted completed = (TrainingCompleted) results.get(twoFiles.variantId());
        assertThat(completed.metrics().tokensTrained()).isEqualTo(Variants.SEED_STEP_TOKENS);
        assertThat(completed.architecture().layers()).isEqualTo(4);
        assertFailed(results.get(helperLeaks.variantId()), FailureClass.FORBIDDEN_API,
                "java.lang.System.getenv (reading the environment), near gpt/Leak.java line 3");
        assertFailed(results.get(climbing.variantId()), FailureClass.CONTRACT_VIOLATION,
                "the path '../../Escape.java' is not allowed");
        assertFailed(results.get(entryHashOnly.variantId()), FailureClass.INFRASTRUCTURE,
                "is not the hash of its program");
    }

    @Test
    void aVariantRedeliveredAfterItsResultIsNotTrainedAgain() throws InterruptedException {
        VariantProposed variant = Variants.variant(RUN, Variants.newId("twice"),
                TestPrograms.hostile("System.exit(0);"), new TrainingBudget(64, 0));
        publish(variant);
        await().atMost(Duration.ofSeconds(60)).until(() -> results(variant).size() == 1);

        publish(variant);
        Thread.sleep(5000);

        assertThat(events(TrainingResult.class)).filteredOn(r -> r.variantId().equals(variant.variantId()))
                .hasSize(1);
        assertThat(events(TrainingStarted.class)).filteredOn(s -> s.variantId().equals(variant.variantId()))
                .hasSize(1);
    }

    private static void assertFailed(TrainingResult result, FailureClass failureClass, String messagePart) {
        assertThat(result).isInstanceOf(TrainingFailed.class);
        TrainingFailed failed = (TrainingFailed) result;
        assertThat(failed.failureClass()).as(failed.message()).isEqualTo(failureClass);
        assertThat(failed.message() + failed.logTail()).contains(messagePart)
                .doesNotContain("sk-darwin-test-secret");
        assertThat(failed.workerId()).isNotBlank();
    }

    private void publish(VariantProposed variant) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.VARIANTS.name(), variant.variantId(),
                EventCodec.write(variant))).awaitCompletion(Duration.ofSeconds(30));
    }

    private Map<String, TrainingResult> results(VariantProposed... variants) {
        List<String> ids = java.util.Arrays.stream(variants).map(VariantProposed::variantId).toList();
        return events(TrainingResult.class).stream().filter(r -> ids.contains(r.variantId()))
                .collect(Collectors.toMap(TrainingResult::variantId, r -> r, (a, b) -> a));
    }

    private <T extends DarwinEvent> List<T> events(Class<T> type) {
        return published.getRecords().stream().filter(r -> !r.topic().equals(Topics.DEAD_LETTERS.name()))
                .map(ConsumerRecord::value).map(EventCodec::readAny).filter(type::isInstance).map(type::cast)
                .filter(e -> e.runId().equals(RUN)).collect(Collectors.toList());
    }
}
