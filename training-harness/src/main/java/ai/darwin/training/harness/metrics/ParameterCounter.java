package ai.darwin.training.harness.metrics;

import ai.djl.ndarray.NDArray;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Counts a model's parameters N from its arrays, each array once however often it is listed (tied weights). */
public final class ParameterCounter {

    private ParameterCounter() {
    }

    public static long count(List<NDArray> parameters) {
        Set<NDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long total = 0;
        for (NDArray parameter : parameters) {
            if (parameter != null && seen.add(parameter)) {
                total += parameter.getShape().size();
            }
        }
        return total;
    }
}
