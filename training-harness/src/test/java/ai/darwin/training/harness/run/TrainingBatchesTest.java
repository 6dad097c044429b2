package ai.darwin.training.harness.run;

import ai.darwin.training.sdk.Batch;
import ai.darwin.training.sdk.BudgetExhaustedException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingBatchesTest {

    /** Each training token is its own position: a window's tokens count up by one. */
    private static final int[] TRAIN = IntStream.range(0, 500).toArray();

    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void batchesAreWindowsOfTheTrainingTokensWithNextTokenTargets() {
        TrainingBatches batches = new TrainingBatches(TRAIN, 7, 4, 16, new HarnessBudget(1_000_000, 0));

        Batch batch = batches.next(manager);

        assertThat(batch.inputs().getShape()).isEqualTo(new Shape(4, 16));
        assertThat(batch.inputs().getDataType()).isEqualTo(DataType.INT64);
        assertThat(batch.targets().toLongArray()).containsExactly(batch.inputs().add(1).toLongArray());
        long[] inputs = batch.inputs().toLongArray();
        for (int i = 0; i < inputs.length; i++) {
            assertThat(inputs[i]).isBetween(0L, 498L);
            if (i % 16 != 0) {
                assertThat(inputs[i]).isEqualTo(inputs[i - 1] + 1);
            }
        }
    }

    @Test
    void theSameSeedReplaysTheSameBatches() {
        long[] first = new TrainingBatches(TRAIN, 7, 4, 16, new HarnessBudget(1_000_000, 0)).next(manager).inputs()
                .toLongArray();
        long[] again = new TrainingBatches(TRAIN, 7, 4, 16, new HarnessBudget(1_000_000, 0)).next(manager).inputs()
                .toLongArray();
        long[] otherSeed = new TrainingBatches(TRAIN, 8, 4, 16, new HarnessBudget(1_000_000, 0)).next(manager)
                .inputs().toLongArray();

        assertThat(again).containsExactly(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void drawingPastTheTokenBudgetIsRefused() {
        HarnessBudget budget = new HarnessBudget(128, 0);
        TrainingBatches batches = new TrainingBatches(TRAIN, 7, 4, 16, budget);

        batches.next(manager);
        batches.next(manager);

        assertThat(budget.exhausted()).isTrue();
        assertThat(budget.tokensUsed()).isEqualTo(128);
        assertThatThrownBy(() -> batches.next(manager)).isInstanceOf(BudgetExhaustedException.class);
    }

    @Test
    void aContextAsLongAsTheTrainingSplitIsRejected() {
        assertThatThrownBy(() -> new TrainingBatches(TRAIN, 7, 4, 500, new HarnessBudget(1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
