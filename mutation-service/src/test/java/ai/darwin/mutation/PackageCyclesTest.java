package ai.darwin.mutation;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * mutation-service's packages depend on each other in one direction only: generation → engine → chunk → llm →
 * prompt → proposal → state → validation → config, with offline, edit and program used from the mutators. Cycles
 * had grown here before (the engine inside proposal/, which the mutators use; the offline mutator's seed, which chunk
 * mode uses; the generation consumer inside messaging/, which the generation processor uses): this keeps them out.
 */
class PackageCyclesTest {

    @Test
    void thePackagesOfTheServiceFormNoCycle() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ai.darwin.mutation");
        slices().matching("ai.darwin.mutation.(*)..").should().beFreeOfCycles().check(classes);
    }
}
