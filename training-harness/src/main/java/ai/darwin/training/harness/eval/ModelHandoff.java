package ai.darwin.training.harness.eval;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.Failures;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.sdk.ArchitectureCard;
import ai.darwin.training.sdk.TrainedModel;
import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * The moment training ends: the harness asks the returned model for its card and parameters once, and copies the
 * weights. The program's code runs here (its {@code architecture()} and {@code parameters()}), so the harness bounds
 * this phase and counts it as training time; after it, none of the training instance's code runs again.
 */
public final class ModelHandoff {

    private ModelHandoff() {
    }

    /**
     * @param model  what train returned
     * @param arrays the engine's array class
     * @return the trained weights, owned by the harness
     * @throws HarnessException CONTRACT_VIOLATION for no model or foreign arrays; the class of what its methods threw
     */
    public static ModelSnapshot take(TrainedModel model, EngineArrays arrays) throws HarnessException {
        if (model == null) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION,
                    "train must return a TrainedModel with an ArchitectureCard");
        }
        ArchitectureCard card;
        List<NDArray> parameters;
        try {
            card = model.architecture();
            parameters = model.parameters();
        } catch (RuntimeException | Error e) {
            throw Failures.classify("the trained model's architecture() or parameters()", e, false);
        }
        return ModelSnapshot.take(card, parameters, arrays);
    }
}
