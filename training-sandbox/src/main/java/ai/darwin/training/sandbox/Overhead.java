package ai.darwin.training.sandbox;

/**
 * Where a child's wall time went outside training and evaluation: the sandbox's cost per variant.
 *
 * @param jvmStartSeconds from starting the process to the child's main method
 * @param compileSeconds  javac and the bytecode check
 * @param dataSeconds     loading and splitting the corpus
 * @param engineSeconds   loading libtorch (and measuring the CPU's peak when it was not given)
 * @param totalSeconds    the child's wall time less its training and evaluation (includes the JVM's exit)
 */
public record Overhead(double jvmStartSeconds, double compileSeconds, double dataSeconds, double engineSeconds,
                       double totalSeconds) {
}
