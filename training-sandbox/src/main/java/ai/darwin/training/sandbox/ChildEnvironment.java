package ai.darwin.training.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The whole environment of a child JVM: a short allow-list copied from the worker's, and the variables the child
 * needs set to its own private directories and thread count. Nothing else of the worker's environment (API keys,
 * broker credentials) reaches a training program, even one that got past the bytecode check.
 */
public final class ChildEnvironment {

    /**
     * Names that are never passed on, whatever the allow-list says: secrets, and the worker's OpenTelemetry settings
     * (OTEL_*, QUARKUS_OTEL_*), which name the collector that the worker, and only the worker, may reach.
     */
    static final Pattern NEVER_PASSED = Pattern.compile("KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|AUTH|(^|_)OTEL_");
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private ChildEnvironment() {
    }

    /**
     * @param parent  the worker's environment
     * @param allowed names that may be copied from it
     * @param home    the child's HOME, inside its private directory
     * @param tmp     the child's TMPDIR, inside its private directory
     * @param djlCache where DJL finds the extracted libtorch
     * @param threads OMP/MKL/OpenBLAS threads
     * @return the child's environment, nothing more
     */
    public static Map<String, String> of(Map<String, String> parent, List<String> allowed, Path home, Path tmp,
                                         Path djlCache, int threads) {
        Map<String, String> child = new TreeMap<>();
        for (String name : allowed) {
            String value = parent.get(name);
            if (value != null && !neverPassed(name)) {
                child.put(name, value);
            }
        }
        child.putIfAbsent("PATH", DEFAULT_PATH);
        child.putIfAbsent("LANG", "C.UTF-8");
        child.put("HOME", home.toString());
        child.put("TMPDIR", tmp.toString());
        child.put("DJL_CACHE_DIR", djlCache.toString());
        // DJL's usage reporting stays off; it would reach for the network
        child.put("OPT_OUT_TRACKING", "true");
        String threadCount = Integer.toString(threads);
        child.put("OMP_NUM_THREADS", threadCount);
        child.put("MKL_NUM_THREADS", threadCount);
        child.put("OPENBLAS_NUM_THREADS", threadCount);
        return child;
    }

    static boolean neverPassed(String name) {
        return NEVER_PASSED.matcher(name.toUpperCase(Locale.ROOT)).find();
    }
}
