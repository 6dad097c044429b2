package ai.darwin.training.sdk;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A trained causal language model, handed to the harness for evaluation.
 *
 * <p>The harness copies the weights of {@link #parameters()} when training ends, loads them into a freshly built model
 * for every call of {@link #logits} on held-out token ids (see {@link TrainingProgram}), computes the loss itself
 * from a copy of the logits, checks on every scored batch that a position's logits do not depend on later tokens,
 * and counts as parameters only the arrays whose values change the logits. Every array handed to the harness must be
 * one the engine created.
 */
public interface TrainedModel {

    /**
     * Runs the model in evaluation mode (no dropout, no gradients needed).
     *
     * @param tokenIds int64 {@code [B, T']} with {@code 1 <= T' <= architecture().contextLength()}
     * @return float32 logits {@code [B, T', V]}, attached to {@code tokenIds}'s manager; position t may depend only
     *     on tokens {@code 0..t}
     */
    NDArray logits(NDArray tokenIds);

    /** @return the model's declared shape */
    ArchitectureCard architecture();

    /**
     * @return every trained parameter array, in an order that does not depend on training (a tied weight may appear
     *     once or more; the harness deduplicates)
     */
    List<NDArray> parameters();

    /**
     * A model from its parameter arrays and a forward function.
     *
     * @param architecture the declared shape
     * @param parameters   every trained parameter array
     * @param forward      token ids {@code [B, T']} to logits {@code [B, T', V]}, evaluation mode
     * @return the model
     */
    static TrainedModel of(ArchitectureCard architecture, List<NDArray> parameters, UnaryOperator<NDArray> forward) {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(forward, "forward");
        List<NDArray> copy = List.copyOf(parameters);
        return new TrainedModel() {
            @Override
            public NDArray logits(NDArray tokenIds) {
                return forward.apply(tokenIds);
            }

            @Override
            public ArchitectureCard architecture() {
                return architecture;
            }

            @Override
            public List<NDArray> parameters() {
                return copy;
            }
        };
    }

    /**
     * A model from an initialized DJL block whose forward maps token ids to logits.
     *
     * @param architecture the declared shape
     * @param block        the trained block; called with {@code training = false}
     * @return the model
     */
    static TrainedModel of(ArchitectureCard architecture, Block block) {
        List<NDArray> arrays = new ArrayList<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            arrays.add(parameter.getValue().getArray());
        }
        return of(architecture, arrays, ids -> block.forward(new ParameterStore(ids.getManager(), false),
                new NDList(ids), false).singletonOrThrow());
    }
}
