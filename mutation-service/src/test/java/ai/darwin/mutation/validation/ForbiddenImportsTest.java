package ai.darwin.mutation.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.harness.SeedProgram;
import ai.darwin.training.harness.compile.ProgramCompiler;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The import check and the bytecode check agree: a program that imports and uses a capability inside java.util or
 * java.lang that a training program must not have is refused by mutation-service's import check and by the
 * harness's bytecode check (the one the worker's child runs before loading the program), and what a program needs
 * passes both.
 */
class ForbiddenImportsTest {

    static final ImportPolicy STANDARD = new ImportPolicy(List.of(ImportPolicy.STANDARD_ALLOWED.split(",")),
            List.of(ImportPolicy.STANDARD_FORBIDDEN.split(",")));

    private static final String TEMPLATE = """
            import ai.darwin.training.sdk.*;
            import %s;

            public class Probe implements TrainingProgram {
                @Override
                public TrainedModel train(TrainingContext context) throws Exception {
                    %s
                    return null;
                }
            }
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            java.util.concurrent.Executors             | Executors.newSingleThreadExecutor().shutdown();
            java.util.concurrent.ExecutorService       | ExecutorService pool = null; if (pool != null) pool.shutdown();
            java.util.concurrent.CompletableFuture     | CompletableFuture.runAsync(() -> { });
            java.util.concurrent.ForkJoinPool          | ForkJoinPool.commonPool().shutdown();
            java.util.concurrent.ConcurrentHashMap     | new ConcurrentHashMap<String, String>().put("a", "b");
            java.util.concurrent.*                     | Executors.newCachedThreadPool().shutdown();
            java.util.ServiceLoader                    | ServiceLoader.load(Runnable.class).findFirst();
            java.util.logging.Logger                   | Logger.getLogger("darwin").info("hello");
            java.util.logging.*                        | new FileHandler("/tmp/log").close();
            java.util.prefs.Preferences                | Preferences.userRoot().put("a", "b");
            java.util.jar.JarFile                      | new JarFile("/tmp/x.jar").close();
            java.util.zip.ZipFile                      | new ZipFile("/tmp/x.zip").close();
            java.util.zip.GZIPOutputStream             | new GZIPOutputStream(System.out).close();
            java.util.Timer                            | new Timer().cancel();
            java.util.TimerTask                        | TimerTask task = null; if (task != null) task.cancel();
            java.util.ResourceBundle                   | ResourceBundle.getBundle("darwin");
            java.util.Formatter                        | new Formatter("/tmp/out.txt").close();
            java.lang.Thread                           | new Thread(() -> { }).start();
            java.lang.ProcessBuilder                   | new ProcessBuilder("ls").start();
            java.lang.reflect.Method                   | Method method = null; if (method != null) method.invoke(null);
            java.lang.ref.Cleaner                      | Cleaner.create();
            java.nio.file.Files                        | Files.exists(java.nio.file.Path.of("/etc/passwd"));
            java.nio.channels.FileChannel              | FileChannel channel = null; if (channel != null) channel.close();
            java.io.File                               | new File("/tmp/x").delete();
            java.net.URL                               | new URL("http://example.com").openStream();
            """)
    void aForbiddenImportIsRefusedByTheImportCheckAndByTheWorkersBytecodeCheck(String imported, String use) {
        String program = TEMPLATE.formatted(imported, use);

        assertThat(STANDARD.violations(program, Set.of())).as("mutation-service's import check")
                .singleElement().asString().contains("import " + imported + " is outside the allowed packages");
        HarnessException refused = catchThrowableOfType(HarnessException.class, () -> ProgramCompiler.compile(program));
        assertThat(refused).as("the worker's bytecode check").isNotNull();
        assertThat(refused.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
    }

    @Test
    void theSeedProgramPassesTheStandardImportCheck() {
        assertThat(STANDARD.violations(SeedProgram.source(), Set.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            java.util.*                                | List<Integer> xs = new ArrayList<>(List.of(1)); Collections.sort(xs);
            java.util.Random                           | new Random(7).nextGaussian();
            java.util.Optional                         | Optional.of(1).orElse(2);
            java.util.Map.Entry                        | Entry<String, Integer> e = java.util.Map.entry("a", 1); e.getKey();
            java.util.function.IntUnaryOperator        | IntUnaryOperator twice = x -> 2 * x; twice.applyAsInt(3);
            java.util.stream.IntStream                 | IntStream.range(0, 4).sum();
            java.util.regex.Pattern                    | Pattern.compile("a+").matcher("aa").matches();
            java.util.concurrent.atomic.AtomicLong     | new AtomicLong().incrementAndGet();
            java.util.concurrent.TimeUnit              | TimeUnit.SECONDS.toMillis(1);
            java.math.BigDecimal                       | BigDecimal.ONE.add(BigDecimal.TEN);
            java.text.DecimalFormat                    | new DecimalFormat("0.00").format(1.5);
            java.nio.FloatBuffer                       | FloatBuffer.allocate(4).put(1f);
            java.nio.charset.StandardCharsets          | "a".getBytes(StandardCharsets.UTF_8);
            java.io.UncheckedIOException               | if (context == null) throw new UncheckedIOException(null);
            ai.djl.ndarray.types.Shape                 | new Shape(2, 3).size();
            """)
    void whatAProgramNeedsPassesBoth(String imported, String use) throws HarnessException {
        String program = TEMPLATE.formatted(imported, use);

        assertThat(STANDARD.violations(program, Set.of())).as("mutation-service's import check").isEmpty();
        ProgramCompiler.compile(program);
    }
}
