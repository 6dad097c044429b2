package ai.darwin.training.harness.compile;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ForbiddenApiCheckTest {

    private static final String TEMPLATE = """
            import ai.darwin.training.sdk.*;

            public class Probe implements TrainingProgram {
                @Override
                public TrainedModel train(TrainingContext context) throws Exception {
                    %s
                    return null;
                }
            }
            """;

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            new java.net.URL("http://example.com").openStream();                        | java.net.URL (network)
            new java.net.Socket("example.com", 80).close();                             | java.net.Socket (network)
            new java.io.File("/tmp/x").delete();                                        | java.io.File (files)
            new java.io.FileInputStream("/etc/passwd").close();                         | java.io.FileInputStream (files)
            new java.io.PrintStream("/tmp/out.txt").close();                            | java.io.PrintStream.<init> (files)
            java.nio.file.Files.readString(java.nio.file.Path.of("/etc/passwd"));       | java.nio.file.Files (files)
            new ProcessBuilder("ls").start();                                           | java.lang.ProcessBuilder (processes)
            Runtime.getRuntime().exec("ls");                                            | java.lang.Runtime (processes and JVM control)
            Class.forName("ai.darwin.training.harness.HarnessRunner");                  | java.lang.Class.forName (reflection)
            var fields = getClass().getDeclaredFields();                                | java.lang.Class.getDeclaredFields (reflection)
            java.lang.reflect.Method method = null; method.invoke(null);                | java.lang.reflect.Method (reflection)
            java.lang.invoke.MethodHandles.lookup();                                    | java.lang.invoke.MethodHandles.lookup (reflection)
            System.exit(0);                                                             | java.lang.System.exit (exiting the JVM)
            String key = System.getenv("OPENAI_API_KEY");                               | java.lang.System.getenv (reading the environment)
            java.util.function.Function<String, String> env = System::getenv;           | java.lang.System.getenv (reading the environment)
            String home = System.getProperty("user.home");                              | java.lang.System.getProperty (system properties)
            new Thread(() -> { }).start();                                              | java.lang.Thread (threads)
            java.util.concurrent.Executors.newFixedThreadPool(2);                       | java.util.concurrent.Executors (threads)
            java.util.List.of(1, 2).parallelStream().count();                           | java.util.Collection.parallelStream (threads)
            ai.djl.repository.zoo.Criteria.builder().build();                           | ai.djl.repository.zoo.Criteria (downloads)
            ai.djl.util.Utils.getenv("HOME");                                           | ai.djl.util.Utils (files, environment and reflection)
            new String("seen").intern();                                                | java.lang.String.intern (JVM-wide state
            double r = Math.random();                                                   | java.lang.Math.random (a JVM-wide random generator
            java.util.Locale.setDefault(java.util.Locale.US);                           | java.util.Locale.setDefault (JVM-wide state
            Integer.getInteger("user.home");                                            | java.lang.Integer.getInteger (system properties)
            java.util.concurrent.ThreadLocalRandom.current();                           | java.util.concurrent.ThreadLocalRandom (threads)
            context.manager().getParentManager();                                       | ai.djl.ndarray.NDManager.getParentManager (walking to the harness's arrays)
            context.manager().getManagedArrays();                                       | ai.djl.ndarray.NDManager.getManagedArrays (walking to the harness's arrays)
            ai.djl.ndarray.NDManager.newBaseManager();                                  | ai.djl.ndarray.NDManager.newBaseManager (arrays outside the manager
            ai.djl.ndarray.NDManager.UID_GENERATOR.incrementAndGet();                   | ai.djl.ndarray.NDManager.UID_GENERATOR (JVM-wide state
            ai.djl.engine.Engine.getEngine("PyTorch");                                  | ai.djl.engine.Engine.getEngine (the engine's registry
            context.manager().getEngine().setRandomSeed(1);                             | ai.djl.engine.Engine.setRandomSeed (the engine's registry
            ai.djl.engine.Engine.debugEnvironment();                                    | ai.djl.engine.Engine.debugEnvironment (reading the environment)
            ai.djl.Model.newInstance("copy");                                           | ai.djl.Model (DJL beyond arrays
            if (context.seed() > 0) throw new ai.djl.engine.EngineException("oom");     | ai.djl.engine.EngineException.<init> (only the engine
            class Boom extends RuntimeException { } if (context.seed() > 0) throw new Boom(); | extends java.lang.RuntimeException (a program's class may not extend
            class Bag extends java.util.ArrayList<String> { } new Bag().parallelStream(); | java.util.Collection.parallelStream (threads)
            synchronized (this) { this.wait(1); }                                       | java.lang.Object.wait (blocking)
            Object late = new Object() { protected void finalize() { } };               | Probe$1.finalize (runs outside the harness's control)
            """)
    void rejectsTheUseOf(String statement, String expected) {
        String source = TEMPLATE.formatted(statement);

        HarnessException failure = catchThrowableOfType(HarnessException.class,
                () -> ProgramCompiler.compile(source));

        assertThat(failure).as("compiling %s", statement).isNotNull();
        assertThat(failure.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
        assertThat(failure.getMessage()).contains(expected);
    }

    @Test
    void theMessagePointsAtTheSourceLine() {
        HarnessException failure = catchThrowableOfType(HarnessException.class,
                () -> ProgramCompiler.compile(TEMPLATE.formatted("String key = System.getenv(\"KEY\");")));

        assertThat(failure.getMessage()).contains("near line 6: String key = System.getenv(\"KEY\");");
    }

    @Test
    void everydayJavaPasses() throws HarnessException {
        String statements = """
                record Point(int x, double y) { }
                enum Mode { FAST, SLOW }
                var points = new java.util.ArrayList<Point>();
                var random = new java.util.Random(context.seed());
                for (int i = 0; i < 3; i++) {
                    points.add(new Point(i, Math.sqrt(random.nextDouble())));
                }
                java.util.Map<String, Double> byName = new java.util.HashMap<>();
                points.stream().filter(p -> p.x() > 0).forEach(p -> byName.put("p" + p.x(), p.y()));
                Mode mode = byName.size() > 1 ? Mode.FAST : Mode.SLOW;
                String label = switch (mode) {
                    case FAST -> "fast";
                    case SLOW -> "slow";
                };
                assert label != null;
                double[] values = byName.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                java.util.Arrays.sort(values);
                long started = System.nanoTime();
                System.out.println(String.format("%s %d %s", label, values.length, java.util.Optional.of(started)));
                try (ai.djl.ndarray.NDManager step = context.manager().newSubManager()) {
                    step.ones(new ai.djl.ndarray.types.Shape(2, 2)).sum().getFloat();
                }
                """;

        assertThat(ProgramCompiler.compile(TEMPLATE.formatted(statements)).className()).isEqualTo("Probe");
    }
}
