package ai.darwin.training.harness.eval;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.Failures;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.harness.run.HarnessBudget;
import ai.darwin.training.harness.run.HarnessContext;
import ai.darwin.training.harness.run.ProgressLog;
import ai.darwin.training.sdk.TrainedModel;
import ai.darwin.training.sdk.TrainingProgram;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import java.util.List;

/**
 * Runs the trained model's forward pass the only way the harness trusts: every call builds the model anew — a new
 * instance of the program, in a new class loader, whose {@code train} gets a budget that is already spent — loads
 * the trained weights into it, runs {@code logits} once on ids the harness made, and copies the logits into an
 * array the harness owns before the call's arrays are freed.
 *
 * <p>So no state survives from one call to the next: a model cannot remember the windows it was shown, cannot tell
 * the harness's causality check from a scored batch by having seen its twin, and cannot keep training after the
 * clock stopped, because what it trained is gone and the weights it gets back are the snapshot's.
 */
public final class FreshModels {

    /** Makes a new instance of the program, each in a class loader of its own. */
    @FunctionalInterface
    public interface Programs {
        TrainingProgram newInstance() throws HarnessException;
    }

    /**
     * What a rebuilt model's context says.
     *
     * @param device     where to build it
     * @param preset     the run's preset
     * @param vocabulary V
     * @param seed       the run's seed, with which the engine is reseeded before each build
     * @param train      the training tokens (a spent budget refuses every batch; they are never handed out)
     * @param maxTokens  the run's token limit, as the budget reports it
     * @param maxSeconds the run's time limit, as the budget reports it
     */
    public record Spec(Device device, String preset, int vocabulary, long seed, int[] train, long maxTokens,
                       double maxSeconds) {
    }

    /** One weight array to perturb, and how much noise (a fraction of its root mean square) to add. */
    record Perturbation(int index, double relativeNoise) {
    }

    private final Programs programs;
    private final ModelSnapshot snapshot;
    private final Spec spec;
    private final Engine engine;
    private final EngineArrays arrays;
    private long forwardNanos;
    private long forwardTokens;
    private int calls;

    public FreshModels(Programs programs, ModelSnapshot snapshot, Spec spec, Engine engine, EngineArrays arrays) {
        this.programs = programs;
        this.snapshot = snapshot;
        this.spec = spec;
        this.engine = engine;
        this.arrays = arrays;
    }

    /** @return the trained logits for ids {@code [rows, length]}, as {@code rows × length × V} floats */
    float[] logits(long[] ids, int rows, int length) throws HarnessException {
        return logits(ids, rows, length, null);
    }

    /**
     * @param perturbation a weight array to disturb, or null for the trained weights as they are
     * @return the logits for ids {@code [rows, length]}, as {@code rows × length × V} floats
     */
    float[] logits(long[] ids, int rows, int length, Perturbation perturbation) throws HarnessException {
        calls++;
        engine.setRandomSeed(Long.hashCode(spec.seed()));
        try (NDManager call = NDManager.newBaseManager(spec.device())) {
            TrainedModel model = rebuild(call);
            List<NDArray> parameters = arrays.distinct(parameters(model), ModelSnapshot.MAX_ARRAYS);
            load(parameters, perturbation, call);
            NDArray input = call.create(ids, new Shape(rows, length));
            long started = System.nanoTime();
            NDArray output = arrays.check(forward(model, input), "the logits");
            Shape expected = new Shape(rows, length, spec.vocabulary());
            if (!output.getShape().equals(expected)) {
                throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "logits for ids " + input.getShape()
                        + " must have shape " + expected + " but had " + output.getShape());
            }
            if (!output.getDataType().isFloating()) {
                throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "logits must be float32 but were "
                        + output.getDataType());
            }
            float[] values = (output.getDataType() == DataType.FLOAT32 ? output
                    : output.toType(DataType.FLOAT32, false)).toFloatArray();
            forwardNanos += System.nanoTime() - started;
            forwardTokens += (long) rows * length;
            return values;
        }
    }

    /** @return how many models were built and run */
    public int calls() {
        return calls;
    }

    /** @return seconds spent inside the program's forward passes (not building models) */
    public double forwardSeconds() {
        return forwardNanos / 1e9;
    }

    /** @return tokens the forward passes processed */
    public long forwardTokens() {
        return forwardTokens;
    }

    ModelSnapshot snapshot() {
        return snapshot;
    }

    private TrainedModel rebuild(NDManager call) throws HarnessException {
        HarnessBudget spent = HarnessBudget.spent(spec.maxTokens(), spec.maxSeconds());
        HarnessContext context = new HarnessContext(call, spec.preset(), spec.vocabulary(), spec.seed(), spec.train(),
                spent, new ProgressLog(spent, point -> { }));
        TrainedModel model;
        try {
            model = programs.newInstance().train(context);
        } catch (HarnessException e) {
            throw e;
        } catch (Throwable e) {
            throw Failures.classify("rebuilding the model for evaluation (train with a spent budget)", e, false);
        }
        if (model == null) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "train returned no model when the harness "
                    + "rebuilt it for evaluation with a spent budget; it must build the model and return it");
        }
        return model;
    }

    private static List<NDArray> parameters(TrainedModel model) throws HarnessException {
        try {
            return model.parameters();
        } catch (RuntimeException | Error e) {
            throw Failures.classify("parameters()", e, false);
        }
    }

    /** Loads the snapshot into the rebuilt model's arrays, which must have the trained shapes in the same order. */
    private void load(List<NDArray> parameters, Perturbation perturbation, NDManager call) throws HarnessException {
        List<ModelSnapshot.Weights> weights = snapshot.weights();
        List<Shape> rebuilt = parameters.stream().map(NDArray::getShape).toList();
        if (!rebuilt.equals(snapshot.shapes())) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "rebuilt for evaluation, the model has "
                    + "parameters " + rebuilt + " but it trained " + snapshot.shapes() + ": train must build the "
                    + "same model whatever its budget (the harness calls it again with a spent budget and loads the "
                    + "trained weights into the model it returns)");
        }
        disableGradients();
        for (int i = 0; i < weights.size(); i++) {
            NDArray target = parameters.get(i);
            ModelSnapshot.Weights trained = weights.get(i);
            if (target.getDataType() != trained.dataType()) {
                throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "parameter " + i + " was "
                        + trained.dataType() + " in training but is " + target.getDataType() + " when rebuilt");
            }
            target.set(trained.values().duplicate());
            if (perturbation != null && perturbation.index() == i && trained.dataType().isFloating()) {
                double std = perturbation.relativeNoise() * trained.rms() + UsedParameters.ABSOLUTE_NOISE;
                try (NDManager noise = call.newSubManager()) {
                    target.addi(noise.randomNormal(0f, (float) std, target.getShape(), DataType.FLOAT32)
                            .toType(target.getDataType(), false));
                }
            }
        }
    }

    private static NDArray forward(TrainedModel model, NDArray input) throws HarnessException {
        NDArray output;
        try {
            output = model.logits(input);
        } catch (RuntimeException | Error e) {
            if (Failures.isOutOfMemory(e)) {
                throw Failures.classify("logits", e, false);
            }
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "logits(ids " + input.getShape() + ") threw "
                    + e, e);
        }
        return output;
    }

    /** Evaluation needs no autograd graph; PyTorch's grad mode is per thread and a program may have turned it on. */
    private void disableGradients() {
        if ("PyTorch".equals(engine.getEngineName())) {
            JniUtils.setGradMode(false);
        }
    }
}
