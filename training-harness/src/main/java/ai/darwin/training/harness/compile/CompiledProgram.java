package ai.darwin.training.harness.compile;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.sdk.TrainingProgram;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * A program compiled and checked, ready to be instantiated as often as the harness needs: each {@link #newInstance()}
 * defines its classes anew in a class loader of its own, so that nothing one instance kept in a static field reaches
 * the next.
 *
 * @param className the binary name of its TrainingProgram class
 * @param classes   every class javac wrote for it, binary name to class file
 */
public record CompiledProgram(String className, Map<String, byte[]> classes) {

    public CompiledProgram {
        classes = Map.copyOf(classes);
    }

    /** @return the program's class, defined in a new class loader */
    public Class<? extends TrainingProgram> load() throws HarnessException {
        try {
            return new ProgramClassLoader(classes).loadClass(className).asSubclass(TrainingProgram.class);
        } catch (ClassNotFoundException | LinkageError | ClassCastException e) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "class " + className + " cannot be loaded: "
                    + e, e);
        }
    }

    /**
     * @return a new instance, in a new class loader, through the program's public no-argument constructor
     * @throws HarnessException CONTRACT_VIOLATION without such a constructor; RUNTIME_EXCEPTION when it throws
     */
    public TrainingProgram newInstance() throws HarnessException {
        Class<? extends TrainingProgram> type = load();
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, type.getName()
                    + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new HarnessException(FailureClass.RUNTIME_EXCEPTION, "the constructor of " + type.getName()
                    + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, type.getName() + " cannot be created: " + e,
                    e);
        } catch (LinkageError e) {
            // a static initializer that threw: ExceptionInInitializerError
            throw new HarnessException(FailureClass.RUNTIME_EXCEPTION, "initializing " + type.getName() + " threw "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
    }
}
