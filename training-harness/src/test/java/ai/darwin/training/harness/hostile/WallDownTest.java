package ai.darwin.training.harness.hostile;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.HarnessReport;
import ai.darwin.training.harness.HarnessRunner;
import ai.darwin.training.harness.IntegrityGate;
import ai.darwin.training.harness.IntegrityFlag;
import ai.darwin.training.harness.TestCorpora;
import ai.darwin.training.sdk.ArchitectureCard;
import ai.darwin.training.sdk.TrainedModel;
import ai.darwin.training.sdk.TrainingContext;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness's second line: programs run in-process, with the bytecode check out of the way, that do what the check
 * would have refused. The evaluation itself must still give nothing away and believe nothing impossible.
 */
class WallDownTest {

    private static final HarnessConfig CONFIG = HarnessConfig.of(TestCorpora.shakespeare(), 256, 0)
            .withPreset("cpu").withEvaluation(new HarnessConfig.Evaluation(2, 4, 32, 5));
    private static final ArchitectureCard CARD = new ArchitectureCard(0, 1, 4, 16);

    private static TrainedModel uniform(TrainingContext context, java.util.function.UnaryOperator<NDArray> forward) {
        return TrainedModel.of(CARD, List.of(), forward);
    }

    private static NDArray zeros(NDArray ids, int vocabulary) {
        return ids.getManager().zeros(new Shape(ids.getShape().get(0), ids.getShape().get(1), vocabulary));
    }

    @Test
    void theTargetsAreNotArraysAModelCouldFind() {
        AtomicInteger arraysSeen = new AtomicInteger();
        AtomicInteger foreignIntegerArrays = new AtomicInteger();
        HarnessReport report = HarnessRunner.run(context -> {
            int vocabulary = context.vocabularySize();
            return uniform(context, ids -> {
                for (NDManager m = ids.getManager(); m != null; m = m.getParentManager()) {
                    for (NDArray array : m.getManagedArrays()) {
                        arraysSeen.incrementAndGet();
                        if (array != ids && array.getDataType() == DataType.INT64) {
                            foreignIntegerArrays.incrementAndGet();
                        }
                    }
                }
                return zeros(ids, vocabulary);
            });
        }, CONFIG);

        assertThat(report.failure()).isNull();
        assertThat(arraysSeen.get()).isPositive();
        assertThat(foreignIntegerArrays.get()).as("token arrays other than its own input").isZero();
        assertThat(report.metrics().valLoss()).isCloseTo(Math.log(65), org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void aModelThatRemembersTheProbeIsCaughtOnAScoredBatch() {
        AtomicInteger calls = new AtomicInteger();
        HarnessReport report = HarnessRunner.run(context -> {
            int vocabulary = context.vocabularySize();
            // the same instance for every call here: it can count calls, and look ahead once past the "probe"
            return uniform(context, ids -> calls.incrementAndGet() <= 2 ? zeros(ids, vocabulary)
                    : ids.get(new NDIndex(":, 1:")).concat(ids.get(new NDIndex(":, -1:")), 1).oneHot(vocabulary)
                    .mul(30f));
        }, CONFIG);

        assertThat(report.failure()).isNotNull();
        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(report.failure().message()).contains("not causal");
    }

    @Test
    void logitsThatAreNotTheEnginesOwnArrayAreRefused() {
        HarnessReport report = HarnessRunner.run(context -> {
            int vocabulary = context.vocabularySize();
            return uniform(context, ids -> {
                NDArray real = zeros(ids, vocabulary);
                // an NDArray of the program's own making: here a proxy that hands every call to a real array
                return (NDArray) Proxy.newProxyInstance(NDArray.class.getClassLoader(), new Class<?>[] {NDArray.class},
                        (proxy, method, args) -> method.invoke(real, args));
            });
        }, CONFIG);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(report.failure().message()).contains("must be an array the engine created");
    }

    @Test
    void parametersThatAreNotTheEnginesOwnArraysAreRefused() {
        HarnessReport report = HarnessRunner.run(context -> {
            int vocabulary = context.vocabularySize();
            NDArray real = context.manager().zeros(new Shape(4));
            NDArray fake = (NDArray) Proxy.newProxyInstance(NDArray.class.getClassLoader(),
                    new Class<?>[] {NDArray.class}, (proxy, method, args) -> method.invoke(real, args));
            return TrainedModel.of(CARD, List.of(fake), ids -> zeros(ids, vocabulary));
        }, CONFIG);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(report.failure().message()).contains("parameters()");
    }

    /**
     * A causal model that memorised the validation text (which only a program past both walls could read): it
     * passes every causality check, and the floor holds it.
     */
    @Test
    void aModelThatMemorisedTheValidationTextIsFlaggedBelowTheFloor() throws IOException {
        String text = Files.readString(TestCorpora.shakespearePath());
        String validation = text.substring(text.length() - (int) Math.round(text.length()
                * CONFIG.validationFraction()));
        Memory memory = new Memory(validation, text);
        HarnessConfig longWindows = CONFIG.withEvaluation(new HarnessConfig.Evaluation(2, 4, 64, 5));
        HarnessReport report = HarnessRunner.run(context -> {
            int vocabulary = context.vocabularySize();
            return TrainedModel.of(new ArchitectureCard(0, 1, 4, 64), List.of(), ids -> {
                long[] tokens = ids.toLongArray();
                int rows = (int) ids.getShape().get(0);
                int length = (int) ids.getShape().get(1);
                float[] logits = new float[rows * length * vocabulary];
                for (int r = 0; r < rows; r++) {
                    for (int t = 0; t < length; t++) {
                        memory.predict(tokens, r * length, t, logits, (r * length + t) * vocabulary);
                    }
                }
                return ids.getManager().create(logits, new Shape(rows, length, vocabulary));
            });
        }, longWindows);

        assertThat(report.failure()).as("a causal model passes the checks").isNull();
        assertThat(report.integrityFlags()).extracting(IntegrityFlag::gate)
                .contains(IntegrityGate.VAL_BPB_BELOW_FLOOR);
        assertThat(report.metrics().valBitsPerByte()).isLessThan(report.valFloor());
        assertThat(report.integrityFlags().get(0).detail()).contains("below the floor");
    }

    /** Which token followed each 4- to 8-token context of the validation text, as a cheater would tabulate it. */
    private static final class Memory {

        private static final int SHORTEST = 4;
        private static final int LONGEST = 8;
        private final Map<String, Map<Integer, Integer>> next = new HashMap<>();

        Memory(String validation, String corpus) {
            int[] alphabet = corpus.chars().distinct().sorted().toArray();
            int[] ids = validation.chars().map(c -> java.util.Arrays.binarySearch(alphabet, c)).toArray();
            for (int end = SHORTEST; end < ids.length; end++) {
                for (int length = SHORTEST; length <= LONGEST && length <= end; length++) {
                    next.computeIfAbsent(key(ids, end - length, end), k -> new HashMap<>())
                            .merge(ids[end], 1, Integer::sum);
                }
            }
        }

        /** Writes logits for position t of a row from the longest remembered context ending at t. */
        void predict(long[] tokens, int rowStart, int t, float[] logits, int offset) {
            for (int length = Math.min(LONGEST, t + 1); length >= SHORTEST; length--) {
                int[] context = new int[length];
                for (int k = 0; k < length; k++) {
                    context[k] = (int) tokens[rowStart + t + 1 - length + k];
                }
                Map<Integer, Integer> counts = next.get(key(context, 0, length));
                if (counts != null) {
                    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
                    counts.forEach((token, count) -> logits[offset + token] = 20f * count / total);
                    return;
                }
            }
        }

        private static String key(int[] ids, int from, int to) {
            StringBuilder key = new StringBuilder();
            for (int i = from; i < to; i++) {
                key.append(ids[i]).append(',');
            }
            return key.toString();
        }
    }
}
