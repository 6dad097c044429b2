package ai.darwin.hitl.dashboard;

import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.hitl.config.RunFormConfig;
import ai.darwin.platform.input.DatasetSources;
import java.util.List;

/**
 * The dashboard's run form: the corpora and mutators it offers and a whole run configuration to start from. The page
 * changes only the fields it shows and sends the rest as they are, so a run from the page is configured like one
 * from {@code ./darwin run}.
 *
 * @param datasets the configured corpora the dataset allow-list passes, the default first
 * @param mutators the mutators offered, the default first
 * @param defaults the configuration the form starts from
 */
public record RunForm(List<String> datasets, List<String> mutators, RunConfig defaults) {

    private static final String NAME = "dashboard";
    private static final int ELITES = 1;
    private static final int TOURNAMENT_SIZE = 2;
    private static final long SEED = 42;
    private static final int RUNTIME_REPAIRS = 1;

    public static RunForm of(RunFormConfig form, DatasetSources allowed) {
        List<String> configured = form.datasets().stream().map(String::strip).filter(d -> !d.isEmpty()).toList();
        List<String> datasets = configured.stream().filter(d -> allowed.refusal(d).isEmpty()).toList();
        // with none allowed the form still starts from the configured corpus, and a request says why it is refused
        String dataset = datasets.isEmpty() ? configured.get(0) : datasets.get(0);
        String mutator = form.mutators().get(0);
        RunConfig defaults = new RunConfig(NAME, form.population(), form.generations(),
                new DatasetSpec(dataset, null, "char", 0.1), new TrainingBudget(form.maxTokens(), 0), form.preset(),
                mutator, form.model(), FitnessSpec.DEFAULT,
                new SelectionSpec(ELITES, TOURNAMENT_SIZE, "others", SelectionSpec.WEIGHTED), 0, form.costCapUsd(),
                form.verificationSeeds(), 0, SEED, RunConfig.DEFAULT_NOISE_FLOOR_SEEDS, RUNTIME_REPAIRS);
        return new RunForm(datasets, form.mutators(), defaults);
    }
}
