package ai.darwin.training.harness.eval;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.sdk.ArchitectureCard;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The trained weights, copied into the harness's own memory the moment training ends. Nothing of the program's
 * training survives into evaluation but these values: each evaluation call rebuilds the model and loads them.
 *
 * @param architecture the card the program declared
 * @param weights      each distinct parameter array's values, in the order the program listed them
 */
public record ModelSnapshot(ArchitectureCard architecture, List<Weights> weights) {

    /** At most this many distinct parameter arrays: the harness tests each one for whether the model uses it. */
    static final int MAX_ARRAYS = 1024;

    /**
     * One parameter array's values.
     *
     * @param shape    its shape
     * @param dataType its element type
     * @param values   its bytes in native order, owned by the harness
     * @param rms      the root mean square of its values, which scales the noise of the usage test
     */
    public record Weights(Shape shape, DataType dataType, ByteBuffer values, double rms) {

        /** @return its element count */
        public long size() {
            return shape.size();
        }
    }

    /**
     * Copies a trained model's parameters.
     *
     * @param architecture the model's card
     * @param parameters   what its {@code parameters()} returned
     * @param arrays       the engine's array class, checked before any method of an array is called
     * @throws HarnessException CONTRACT_VIOLATION when an array is not the engine's, or there are too many
     */
    static ModelSnapshot take(ArchitectureCard architecture, List<NDArray> parameters, EngineArrays arrays)
            throws HarnessException {
        if (architecture == null) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION,
                    "train must return a TrainedModel with an ArchitectureCard");
        }
        List<Weights> weights = new ArrayList<>();
        for (NDArray parameter : arrays.distinct(parameters, MAX_ARRAYS)) {
            ByteBuffer engine = parameter.toByteBuffer();
            ByteBuffer copy = ByteBuffer.allocate(engine.remaining()).order(ByteOrder.nativeOrder());
            copy.put(engine.duplicate().order(ByteOrder.nativeOrder())).flip();
            double rms = parameter.getDataType().isFloating() && parameter.size() > 0
                    ? parameter.toType(DataType.FLOAT64, false).square().mean().sqrt().getDouble() : 0;
            weights.add(new Weights(parameter.getShape(), parameter.getDataType(), copy.asReadOnlyBuffer(), rms));
        }
        return new ModelSnapshot(architecture, List.copyOf(weights));
    }

    /** @return the element type holding most of the weights (FLOAT32 when there are none) */
    public DataType dominantType() {
        java.util.Map<DataType, Long> elements = new java.util.EnumMap<>(DataType.class);
        weights.forEach(w -> elements.merge(w.dataType(), w.size(), Long::sum));
        return elements.entrySet().stream().max(java.util.Map.Entry.comparingByValue())
                .map(java.util.Map.Entry::getKey).orElse(DataType.FLOAT32);
    }

    /** @return the shapes, in order, for messages */
    List<Shape> shapes() {
        return weights.stream().map(Weights::shape).toList();
    }
}
