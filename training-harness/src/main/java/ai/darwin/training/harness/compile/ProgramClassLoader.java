package ai.darwin.training.harness.compile;

import java.util.List;
import java.util.Map;

/**
 * Defines a compiled program's classes and lets them see only the JDK, DJL and the SDK: the harness's own classes
 * (data, evaluation) are not reachable by name from a program.
 */
final class ProgramClassLoader extends ClassLoader {

    static final List<String> VISIBLE_PACKAGES = List.of("java.", "ai.djl.", "ai.darwin.training.sdk.");

    private final Map<String, byte[]> classes;

    ProgramClassLoader(Map<String, byte[]> classes) {
        super("darwin-program", ProgramClassLoader.class.getClassLoader());
        this.classes = Map.copyOf(classes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                byte[] bytes = classes.get(name);
                if (bytes != null) {
                    type = defineClass(name, bytes, 0, bytes.length);
                } else if (VISIBLE_PACKAGES.stream().anyMatch(name::startsWith)) {
                    type = getParent().loadClass(name);
                } else {
                    throw new ClassNotFoundException(name + " is not available to training programs");
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }
}
