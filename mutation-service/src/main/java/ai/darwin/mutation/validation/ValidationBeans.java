package ai.darwin.mutation.validation;

import ai.darwin.mutation.config.MutationConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The validator, with the configured import policy. */
public class ValidationBeans {

    @Produces
    @Singleton
    ProgramValidator programValidator(MutationConfig config) {
        return new ProgramValidator(new ImportPolicy(config.allowedImports(), config.forbiddenImports()));
    }
}
