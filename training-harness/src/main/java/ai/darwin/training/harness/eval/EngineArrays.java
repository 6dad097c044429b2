package ai.darwin.training.harness.eval;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The arrays a program hands the harness must be the engine's own: an NDArray of the program's making could compute
 * whatever the harness asks of it (a loss scaled by a quarter, a gradient that is not there). The harness checks the
 * exact class before it calls any method on the array.
 */
public final class EngineArrays {

    private final Class<?> engineClass;

    /** @param engineClass the class of an array the harness itself created on the engine */
    EngineArrays(Class<?> engineClass) {
        this.engineClass = engineClass;
    }

    /** @return the check against the class of the arrays the engine makes on that device */
    public static EngineArrays of(Device device) {
        try (NDManager manager = NDManager.newBaseManager(device)) {
            return new EngineArrays(manager.zeros(new Shape(1)).getClass());
        }
    }

    /**
     * @param what what the array is, for the message
     * @throws HarnessException CONTRACT_VIOLATION when it is null or not the engine's own class
     */
    NDArray check(NDArray array, String what) throws HarnessException {
        if (array == null) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, what + " was null");
        }
        if (array.getClass() != engineClass) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, what + " must be an array the engine "
                    + "created (" + engineClass.getName() + "), not an object of another class");
        }
        return array;
    }

    /**
     * @return the listed parameters, each array once however often it is listed (tied weights), in listed order
     * @throws HarnessException CONTRACT_VIOLATION when the list or an element is not the engine's
     */
    List<NDArray> distinct(List<NDArray> parameters, int maxArrays) throws HarnessException {
        if (parameters == null) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "parameters() returned null");
        }
        List<NDArray> listed = List.copyOf(parameters);
        Set<NDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<NDArray> distinct = new ArrayList<>();
        for (NDArray parameter : listed) {
            if (seen.add(check(parameter, "every element of parameters()"))) {
                distinct.add(parameter);
            }
        }
        if (distinct.size() > maxArrays) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "the model lists " + distinct.size()
                    + " parameter arrays; at most " + maxArrays + " are allowed (group them into larger tensors)");
        }
        return distinct;
    }
}
