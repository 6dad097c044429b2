package ai.darwin.selection.store;

import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.ExtraCorpus;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.variant.TrainingBudget;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What people asked of a run: guidance for the mutators, vetoes, promotions, a pause or a stop, and approved changes
 * of budget, population and training data. Part of {@link RunState}, stored in the same document under the same field names.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Steering {

    private boolean pauseRequested;
    private boolean stopRequested;
    private List<String> guidance = new ArrayList<>();
    private Set<String> vetoed = new LinkedHashSet<>();
    private Set<String> promoted = new LinkedHashSet<>();
    /** Approval requests this run received that a human may still approve: request id to the change asked. */
    private Map<String, ApprovedChange> requestedChanges = new LinkedHashMap<>();
    /** An approved budget, in force from the next generation on. */
    private TrainingBudget budgetOverride;
    /** An approved population, in force from the next generation on. */
    private Integer populationOverride;
    /** Approved corpora (MORE_DATA), each joining the training mixture from its generation on. */
    private List<ApprovedCorpus> corpora = new ArrayList<>();

    public boolean pauseRequested() {
        return pauseRequested;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public List<String> guidance() {
        return Collections.unmodifiableList(guidance);
    }

    public boolean vetoed(String variantId) {
        return vetoed.contains(variantId);
    }

    public Set<String> promoted() {
        return Collections.unmodifiableSet(promoted);
    }

    /** @return whether this asked for a pause that was not asked for already */
    public boolean requestPause() {
        boolean first = !pauseRequested;
        pauseRequested = true;
        return first;
    }

    /** @return whether a pause was asked for and is now withdrawn */
    public boolean requestResume() {
        boolean paused = pauseRequested;
        pauseRequested = false;
        return paused;
    }

    /** @return whether this asked for the stop first */
    public boolean requestStop() {
        boolean first = !stopRequested;
        stopRequested = true;
        return first;
    }

    public void addGuidance(String text) {
        guidance.add(text);
    }

    /** Through {@link RunState#veto}, which also dethrones a vetoed champion. */
    void veto(String variantId) {
        vetoed.add(variantId);
    }

    /** The variant survives the next selection. */
    public void promote(String variantId) {
        promoted.add(variantId);
    }

    /** A selection forced the promoted variants it could: promotions act once, on the next selection only. */
    public void promotionsApplied() {
        promoted.clear();
    }

    /** A change a human may approve, until decided. */
    public void requestChange(String requestId, ApprovedChange change) {
        requestedChanges.put(requestId, change);
    }

    /** @return the change asked for by this request, or null; it is no longer pending */
    public ApprovedChange takeRequestedChange(String requestId) {
        return requestedChanges.remove(requestId);
    }

    /** The budget of the generations opened from now on. */
    public TrainingBudget budget(RunConfig config) {
        return budgetOverride != null ? budgetOverride : config.budget();
    }

    /** The population of the generations opened from now on. */
    public int population(RunConfig config) {
        return populationOverride != null ? populationOverride : config.population();
    }

    /** An approved budget, for the generations opened from now on. */
    public void approveBudget(TrainingBudget budget) {
        budgetOverride = budget;
    }

    /** An approved population, for the generations opened from now on; agents are never removed. */
    public void approvePopulation(int population, RunConfig config) {
        if (population > population(config)) {
            populationOverride = population;
        }
    }

    /** An approved corpus, trained on from generation {@code fromGeneration} on; a repeated approval changes nothing. */
    public void approveCorpus(ExtraCorpus corpus, int fromGeneration) {
        if (corpora.stream().noneMatch(c -> c.corpus().requestId().equals(corpus.requestId()))) {
            corpora.add(new ApprovedCorpus(corpus, fromGeneration));
        }
    }

    /** The dataset generation {@code generation} trains on: the run's corpus and the corpora approved before it. */
    public DatasetSpec dataset(RunConfig config, int generation) {
        return config.dataset().withExtras(corpora.stream().filter(c -> c.fromGeneration() <= generation)
                .map(ApprovedCorpus::corpus).toList());
    }
}
