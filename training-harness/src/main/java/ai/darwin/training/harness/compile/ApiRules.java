package ai.darwin.training.harness.compile;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a training program may use, as data: allowed packages and classes with forbidden ones carved out, the members
 * forbidden on allowed classes, and the supertypes a program's own classes may have. Every entry says why, because
 * the reason reaches the agent that must fix its program.
 *
 * <p>Three threats shape the list beyond the obvious (files, network, processes, reflection, threads): a program must
 * not reach the harness's arrays through the engine (manager walks, engine registry), must not keep state across the
 * harness's evaluation calls (each call builds a fresh model in a fresh class loader, so only JVM-wide state could
 * carry anything: interned strings, default locale and time zone, global random generators, system properties), and
 * must not place its own code where the harness calls it (own NDArray or engine classes, {@code finalize},
 * exceptions whose methods run when the harness reports them).
 */
final class ApiRules {

    private ApiRules() {
    }

    /** Packages whose direct classes a program may use (subpackages are listed separately). */
    static final List<String> ALLOWED_PACKAGES = List.of("java/lang/", "java/util/", "java/math/", "java/text/",
            "java/nio/");

    /** Packages a program may use with all their subpackages. */
    static final List<String> ALLOWED_TREES = List.of("java/lang/annotation/", "java/lang/invoke/",
            "java/lang/runtime/", "java/util/function/", "java/util/stream/", "java/util/regex/",
            "java/util/concurrent/atomic/", "java/nio/charset/",
            // DJL: arrays, blocks and the training pieces a GPT needs; not models, files, datasets or the zoo
            "ai/djl/ndarray/", "ai/djl/nn/", "ai/djl/training/loss/", "ai/djl/training/optimizer/",
            "ai/djl/training/tracker/", "ai/djl/training/initializer/", "ai/djl/training/evaluator/",
            "ai/darwin/training/sdk/");

    /** Single classes outside those packages a program may use. */
    static final Set<String> ALLOWED_TYPES = Set.of("java/io/PrintStream", "java/io/Serializable",
            "java/io/IOException", "java/io/UncheckedIOException", "java/io/Closeable",
            "java/util/concurrent/TimeUnit", "ai/djl/Device", "ai/djl/engine/Engine",
            "ai/djl/engine/EngineException", "ai/djl/training/GradientCollector", "ai/djl/training/ParameterStore",
            "ai/djl/util/Pair", "ai/djl/util/PairList", "ai/djl/util/Preconditions", "ai/djl/util/Float16Utils");

    /** Classes (with their nested classes) and packages carved out of the allowed set, with the reason. */
    static final Map<String, String> FORBIDDEN_TYPES = Map.ofEntries(
            Map.entry("java/lang/Thread", "threads"),
            Map.entry("java/lang/ThreadGroup", "threads"),
            Map.entry("java/lang/Runtime", "processes and JVM control"),
            Map.entry("java/lang/Process", "processes"),
            Map.entry("java/lang/ProcessBuilder", "processes"),
            Map.entry("java/lang/ProcessHandle", "processes"),
            Map.entry("java/lang/ClassLoader", "class loading"),
            Map.entry("java/lang/Module", "reflection"),
            Map.entry("java/lang/ModuleLayer", "reflection"),
            Map.entry("java/lang/Package", "reflection"),
            Map.entry("java/lang/StackWalker", "reflection"),
            Map.entry("java/lang/SecurityManager", "JVM control"),
            Map.entry("java/lang/reflect/", "reflection"),
            Map.entry("java/lang/ref/", "background threads"),
            Map.entry("java/util/Timer", "threads"),
            Map.entry("java/util/TimerTask", "threads"),
            Map.entry("java/util/ServiceLoader", "class loading"),
            Map.entry("java/util/Formatter", "files"),
            Map.entry("java/util/ResourceBundle", "class loading"),
            Map.entry("java/util/PropertyResourceBundle", "files"),
            Map.entry("java/util/prefs/", "files"),
            Map.entry("java/util/logging/", "files"),
            Map.entry("java/util/zip/", "files"),
            Map.entry("java/util/jar/", "files"),
            Map.entry("java/nio/file/", "files"),
            Map.entry("java/nio/channels/", "files and network"),
            Map.entry("ai/djl/ndarray/BaseNDManager", "the engine's internals"),
            Map.entry("ai/djl/ndarray/NDArrayAdapter", "an NDArray of the program's own"),
            Map.entry("ai/djl/ndarray/gc/", "the engine's global settings"),
            Map.entry("ai/djl/nn/SymbolBlock", "loading models from files"));

    /** Reasons for common packages outside the allowed set, for clearer messages. */
    static final Map<String, String> REASONS = Map.of(
            "java/net/", "network",
            "java/io/File", "files",
            "java/io/", "files and streams",
            "java/util/concurrent/", "threads",
            "java/lang/invoke/", "reflection",
            "ai/djl/repository/", "downloads",
            "ai/djl/util/", "files, environment and reflection",
            "ai/djl/engine/", "the engine's registry and internals",
            "ai/djl/", "DJL beyond arrays, blocks, losses, optimizers and initializers (no models, files or datasets)");

    /** The only members of java.lang.Class a program may use. */
    static final Set<String> CLASS_MEMBERS = Set.of("getName", "getSimpleName", "getTypeName", "getCanonicalName",
            "isInstance", "cast", "isAssignableFrom", "desiredAssertionStatus", "isArray", "isPrimitive", "isEnum",
            "isRecord", "isInterface", "getComponentType", "getEnumConstants", "toString", "hashCode", "equals");

    /** The only members of java.lang.System a program may use. */
    static final Set<String> SYSTEM_MEMBERS = Set.of("out", "err", "currentTimeMillis", "nanoTime", "arraycopy",
            "identityHashCode", "lineSeparator");

    /** The only members of DJL's Engine a program may use: what a training loop needs, no registry or seeds. */
    static final Set<String> ENGINE_MEMBERS = Set.of("getInstance", "newGradientCollector", "getEngineName",
            "getVersion", "getGpuCount", "hasCapability", "defaultDevice", "getDevices", "toString", "hashCode",
            "equals");

    /** java.lang.invoke classes javac's own code calls (lambdas, string concatenation, records). */
    static final Set<String> BOOTSTRAPS = Set.of("java/lang/invoke/LambdaMetafactory",
            "java/lang/invoke/StringConcatFactory", "java/lang/runtime/ObjectMethods");

    /** Members forbidden on classes that are otherwise allowed: owner internal name, then member name and reason. */
    static final Map<String, Map<String, String>> FORBIDDEN_MEMBERS = Map.ofEntries(
            Map.entry("java/lang/String", Map.of("intern", "JVM-wide state that outlives an evaluation call")),
            Map.entry("java/lang/Math", Map.of("random", "a JVM-wide random generator; use java.util.Random")),
            Map.entry("java/lang/StrictMath", Map.of("random", "a JVM-wide random generator; use java.util.Random")),
            Map.entry("java/lang/Integer", Map.of("getInteger", "system properties")),
            Map.entry("java/lang/Long", Map.of("getLong", "system properties")),
            Map.entry("java/lang/Boolean", Map.of("getBoolean", "system properties")),
            Map.entry("java/lang/Object", Map.of("wait", "blocking", "finalize", "runs outside the harness's control")),
            Map.entry("java/util/Locale", Map.of("setDefault", "JVM-wide state that outlives an evaluation call")),
            Map.entry("java/util/TimeZone", Map.of("setDefault", "JVM-wide state that outlives an evaluation call")),
            Map.entry("java/util/concurrent/TimeUnit", Map.of("sleep", "blocking", "timedWait", "blocking",
                    "timedJoin", "threads")),
            Map.entry("java/io/PrintStream", Map.of("<init>", "files")),
            Map.entry("ai/djl/engine/EngineException", Map.of("<init>", "only the engine reports engine failures")),
            Map.entry("ai/djl/ndarray/NDManager", Map.ofEntries(
                    Map.entry("getParentManager", "walking to the harness's arrays"),
                    Map.entry("getManagedArrays", "walking to the harness's arrays"),
                    Map.entry("debugDump", "walking to the harness's arrays"),
                    Map.entry("newBaseManager", "arrays outside the manager the harness gave; use ctx.manager()"),
                    Map.entry("invoke", "raw engine operators"),
                    Map.entry("attachInternal", "the engine's internals"),
                    Map.entry("attachUncappedInternal", "the engine's internals"),
                    Map.entry("tempAttachInternal", "the engine's internals"),
                    Map.entry("detachInternal", "the engine's internals"),
                    Map.entry("load", "files"),
                    Map.entry("UID_GENERATOR", "JVM-wide state that outlives an evaluation call"),
                    Map.entry("nextUid", "JVM-wide state that outlives an evaluation call"))));

    /**
     * Classes and interfaces a program's own classes may extend or implement (a tree where the entry ends with a
     * slash). Anything else would put the program's code where the harness or the engine calls it: an NDArray or
     * manager of its own, a List whose methods run in the harness, an exception whose getMessage runs while the
     * harness reports it.
     */
    static final List<String> ALLOWED_SUPERTYPES = List.of("java/lang/Object", "java/lang/Record", "java/lang/Enum",
            "java/lang/Comparable", "java/lang/Iterable", "java/lang/AutoCloseable", "java/lang/Runnable",
            "java/lang/Cloneable", "java/io/Serializable", "java/util/Comparator", "java/util/Iterator",
            "java/util/function/", "ai/darwin/training/sdk/TrainingProgram", "ai/darwin/training/sdk/TrainedModel",
            "ai/djl/nn/Block", "ai/djl/nn/AbstractBlock", "ai/djl/nn/AbstractBaseBlock", "ai/djl/nn/SequentialBlock",
            "ai/djl/nn/ParallelBlock", "ai/djl/nn/LambdaBlock", "ai/djl/training/optimizer/Optimizer",
            "ai/djl/training/optimizer/Optimizer$OptimizerBuilder", "ai/djl/training/tracker/Tracker",
            "ai/djl/training/tracker/ParameterTracker", "ai/djl/training/loss/Loss",
            "ai/djl/training/loss/AbstractCompositeLoss", "ai/djl/training/initializer/Initializer");
}
