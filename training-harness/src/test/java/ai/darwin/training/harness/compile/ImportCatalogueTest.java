package ai.darwin.training.harness.compile;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ImportCatalogueTest {

    private static final ImportCatalogue CATALOGUE = ImportCatalogue.standard();

    /** A program that casts to one class, so that its bytecode names the class, then runs a statement. */
    private static String using(String type, String statement) {
        return """
                import ai.darwin.training.sdk.*;

                public class Uses implements TrainingProgram {
                    @Override
                    public TrainedModel train(TrainingContext context) {
                        %1$s used = (%1$s) (Object) context;
                        %2$s
                        return null;
                    }
                }
                """.formatted(type, statement);
    }

    @Test
    void everyEntryIsForbiddenWithoutItsGrantAndAllowedWithIt() throws HarnessException {
        assertThat(CATALOGUE.entries()).extracting(ImportCatalogue.Entry::id)
                .containsExactly("java-time-values", "parameter-server", "random-generator");
        for (ImportCatalogue.Entry entry : CATALOGUE.entries()) {
            assertThat(entry.reason()).isNotBlank();
            for (String type : entry.classes()) {
                String program = using(type, "");

                HarnessException refused = catchThrowableOfType(HarnessException.class,
                        () -> ProgramCompiler.compile(program));
                assertThat(refused.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
                assertThat(refused.getMessage()).contains(type)
                        .contains("upgrade request of kind NEW_IMPORT").contains(entry.id());

                assertThat(ProgramCompiler.compile(program, CATALOGUE.grants(List.of(entry.id()))).className())
                        .isEqualTo("Uses");
                HarnessException otherGrant = catchThrowableOfType(HarnessException.class, () -> ProgramCompiler
                        .compile(program, CATALOGUE.grants(CATALOGUE.entries().stream().map(e -> e.id())
                                .filter(id -> !id.equals(entry.id())).toList())));
                assertThat(otherGrant.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
            }
        }
    }

    @Test
    void aGrantedClassKeepsItsRefusedMembers() {
        String program = using("java.util.random.RandomGenerator",
                "used = java.util.random.RandomGenerator.getDefault();");

        HarnessException refused = catchThrowableOfType(HarnessException.class, () -> ProgramCompiler.compile(program,
                CATALOGUE.grants(List.of("random-generator"))));

        assertThat(refused.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
        assertThat(refused.getMessage()).contains("java.util.random.RandomGenerator.getDefault (class loading");
    }

    @Test
    void aGrantDoesNotReachNestedClasses() {
        String program = using("java.util.random.RandomGenerator.SplittableGenerator", "");

        HarnessException refused = catchThrowableOfType(HarnessException.class, () -> ProgramCompiler.compile(program,
                CATALOGUE.grants(List.of("random-generator"))));

        assertThat(refused.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
    }

    @Test
    void aGrantOutsideTheCatalogueIsRefusedNotNarrowed() {
        assertThatThrownBy(() -> CATALOGUE.grants(List.of("random-generator", "java.io.File")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'java.io.File' is not in the "
                        + "import catalogue");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "java.io.File|files",
            "import java.nio.file.Files;|files",
            "java.net.Socket|network",
            "java.net.*|network",
            "java.lang.Thread|threads",
            "java.util.concurrent.ForkJoinPool|threads",
            "java.lang.reflect.Method|reflection",
            "java.lang.Class.forName|reflection",
            "java.lang.ProcessBuilder|processes",
            "java.lang.Runtime|processes",
            "java.lang.ClassLoader|class loading",
            "sun.misc.Unsafe|Unsafe",
            "jdk.internal.misc.Unsafe|Unsafe",
            "java.lang.System.exit|exiting the JVM",
            "java.lang.System.getenv|reading the environment",
            "java.lang.System.getProperty|system properties"})
    void whatMayNeverBeGrantedIsRefusedWithItsReason(String requested, String reason) {
        assertThat(CATALOGUE.refusal(requested)).hasValueSatisfying(refusal ->
                assertThat(refusal).contains("is never granted").contains(reason));
    }

    @Test
    void requestsForTheCatalogueAreNotRefused() {
        assertThat(CATALOGUE.refusal("import java.time.Duration;")).isEmpty();
        assertThat(CATALOGUE.refusal("parameter-server")).isEmpty();
        assertThat(CATALOGUE.covering("java.util.random.RandomGenerator")).hasValueSatisfying(entry ->
                assertThat(entry.id()).isEqualTo("random-generator"));
    }

    @Test
    void otherRequestsAreRefusedWithWhatMayBeAsked() {
        assertThat(CATALOGUE.refusal("java.util.List")).hasValue(
                "java.util.List needs no approval: every program may import it already");
        assertThat(CATALOGUE.refusal("org.example.Magic")).hasValueSatisfying(refusal -> assertThat(refusal)
                .contains("not in the catalogue").contains("random-generator (java.util.random.RandomGenerator)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.io.File", "java.lang.Thread", "java.lang.reflect.Method", "java.net.Socket",
            "java.lang.ProcessBuilder", "sun.misc.Unsafe", "java.lang.ClassLoader", "java.util.concurrent.Executors",
            "java.lang.System", "ai.djl.Model", "ai.djl.training.dataset.RandomAccessDataset", "ai.djl.util.Utils",
            "ai.djl.repository.Repository", "ai.djl.nn.SymbolBlock", "java.nio.file.Files"})
    void aCatalogueThatGrantsWhatMayNeverBeGrantedDoesNotLoad(String type) {
        assertThatThrownBy(() -> ImportCatalogue.parse("bad.classes=" + type + "\nbad.reason=trust me\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never granted");
    }

    @Test
    void aCatalogueEntryMustBeNeededExistCompileAndSayWhy() {
        assertThatThrownBy(() -> ImportCatalogue.parse("e.classes=java.util.List\ne.reason=lists\n"))
                .hasMessageContaining("every program may use already");
        assertThatThrownBy(() -> ImportCatalogue.parse("e.classes=java.time.Nope\ne.reason=none\n"))
                .hasMessageContaining("neither in the JDK nor in DJL's api jar");
        assertThatThrownBy(() -> ImportCatalogue.parse("e.classes=org.junit.jupiter.api.Test\ne.reason=tests\n"))
                .hasMessageContaining("neither in the JDK nor in DJL's api jar");
        assertThatThrownBy(() -> ImportCatalogue.parse("e.classes=java.time.Duration\n"))
                .hasMessageContaining("gives no reason");
        assertThatThrownBy(() -> ImportCatalogue.parse("e.classes=java.time.Duration\ne.reason=values\n"
                + "e.forbidden-members=java.time.Instant.now=clock\n")).hasMessageContaining("a member of none");
        assertThat(ImportCatalogue.parse("e.classes=java.time.Duration\ne.reason=values\n").entries())
                .extracting(ImportCatalogue.Entry::classes).containsExactly(List.of("java.time.Duration"));
    }

    @Test
    void grantsTravelAsIdsAndImportAsClassNames() {
        ApiGrants grants = CATALOGUE.grants(Set.of("random-generator", "java-time-values"));

        assertThat(grants.ids()).containsExactly("java-time-values", "random-generator");
        assertThat(grants.importNames()).contains("java.time.Duration", "java.util.random.RandomGenerator");
        assertThat(ApiGrants.NONE.isEmpty()).isTrue();
    }
}
