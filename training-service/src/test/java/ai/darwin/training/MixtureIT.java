package ai.darwin.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Sha256;
import ai.darwin.events.Topics;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.ExtraCorpus;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainedCorpus;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the worker on the real broker: a variant that names a corpus outside the dataset allow-list fails with
 * DATASET_REFUSED and the worker trains the next one, which trains on its approved extra corpus and says so.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class MixtureIT {

    static final String RUN = "run-mixture-it";
    private static final TrainingBudget TINY = new TrainingBudget(2 * Variants.SEED_STEP_TOKENS, 0);

    PublishedEvents published;

    @BeforeEach
    void follow() {
        published = new PublishedEvents(RUN);
    }

    @AfterEach
    void close() {
        published.close();
    }

    @Test
    void aForbiddenCorpusFailsItsVariantAndTheNextTrainsOnItsApprovedMixture() throws Exception {
        Path extraFile = Files.createDirectories(Path.of("target/corpora")).resolve("more-" + RUN + ".txt");
        Files.writeString(extraFile, "More words for the lineage of agent-2.\n".repeat(50));
        String shakespeare = TestPrograms.shakespeare().toString();
        ExtraCorpus extra = new ExtraCorpus(extraFile.toAbsolutePath().toString(), Sha256.of(extraFile), 1,
                "agent-2", "apr-mixture-1");
        VariantProposed forbidden = Variants.variant(RUN, Variants.newId("forbidden"), TestPrograms.seed(), TINY,
                null, new DatasetSpec("/etc/passwd", null, "char", 0.1));
        VariantProposed mixed = Variants.variant(RUN, Variants.newId("mixed"), TestPrograms.seed(), TINY, null,
                new DatasetSpec(shakespeare, null, "char", 0.1, List.of(extra)));
        for (VariantProposed variant : List.of(forbidden, mixed)) {
            published.kafka().produceStrings().fromRecords(new ProducerRecord<>(Topics.VARIANTS.name(),
                    forbidden.variantId(), EventCodec.write(variant))).awaitCompletion(Duration.ofSeconds(30));
        }

        TrainingFailed refused = (TrainingFailed) awaitResult(forbidden);
        TrainingCompleted completed = (TrainingCompleted) awaitResult(mixed);

        assertThat(refused.failureClass()).as(refused.message()).isEqualTo(FailureClass.DATASET_REFUSED);
        assertThat(refused.message()).contains("/etc/passwd").contains("not allowed");
        assertThat(completed.corpora()).containsExactly(
                new TrainedCorpus(shakespeare, Sha256.of(TestPrograms.shakespeare()), null),
                new TrainedCorpus(extra.uri(), extra.sha256(), "apr-mixture-1"));
        assertThat(completed.metrics().tokensTrained()).isPositive();
    }

    private TrainingResult awaitResult(VariantProposed variant) {
        return await().atMost(Duration.ofSeconds(180)).until(() -> published.of(TrainingResult.class).stream()
                .filter(r -> r.variantId().equals(variant.variantId())).findFirst(), r -> r.isPresent()).get();
    }
}
