package ai.darwin.training.harness;

import ai.darwin.training.sdk.ArchitectureCard;
import ai.darwin.training.sdk.TrainedModel;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A program may hand back a DJL block: the harness evaluates it and counts the block's parameters. */
class BlockModelTest {

    @Test
    void aBlockModelIsEvaluatedAndCounted() {
        HarnessConfig config = HarnessConfig.of(TestCorpora.shakespeare(), 64, 0)
                .withEvaluation(new HarnessConfig.Evaluation(1, 2, 16, 3));

        HarnessReport report = HarnessRunner.run(context -> {
            int vocabulary = context.vocabularySize();
            // a bigram model: one-hot of the current token, then a V × V linear layer
            SequentialBlock bigram = new SequentialBlock()
                    .add(new LambdaBlock(ids -> new NDList(ids.singletonOrThrow().oneHot(vocabulary))))
                    .add(Linear.builder().setUnits(vocabulary).build());
            bigram.initialize(context.manager(), DataType.FLOAT32, new Shape(1, 8));
            if (!context.budget().exhausted()) {
                context.batches(2, 16).next(context.manager());
            }
            return TrainedModel.of(new ArchitectureCard(0, 1, vocabulary, 1024), bigram);
        }, config);

        assertThat(report.failure()).isNull();
        assertThat(report.metrics().parameters()).isEqualTo(65L * 65 + 65);
        assertThat(report.metrics().valLoss()).isBetween(3.0, 6.0);
    }
}
