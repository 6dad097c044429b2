package ai.darwin.selection.store;

import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.variant.TrainingBudget;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A change of a run's budget or population that an agent asked for, in the machine-readable form of an approval
 * request's {@code detail}: {@code maxTokens=400000, maxSeconds=120} for MORE_BUDGET, {@code population=6} for
 * LARGER_POPULATION. Other kinds concern mutation-service, not selection.
 *
 * @param kind            what was asked
 * @param maxTokens       the new token budget, if asked
 * @param maxSeconds      the new time budget, if asked
 * @param population      the new population, if asked
 */
public record ApprovedChange(ApprovalKind kind, Long maxTokens, Double maxSeconds, Integer population) {

    private static final Pattern TOKENS = Pattern.compile("maxTokens\\s*=\\s*(\\d+)");
    private static final Pattern SECONDS = Pattern.compile("maxSeconds\\s*=\\s*(\\d+(?:\\.\\d+)?)");
    private static final Pattern POPULATION = Pattern.compile("population\\s*=\\s*(\\d+)");

    /** The change a request's detail asks for, if it is one selection applies. */
    public static Optional<ApprovedChange> parse(ApprovalKind kind, String detail) {
        return switch (kind) {
            case MORE_BUDGET -> {
                Long tokens = find(TOKENS, detail).map(Long::parseLong).orElse(null);
                Double seconds = find(SECONDS, detail).map(Double::parseDouble).orElse(null);
                yield tokens == null && seconds == null ? Optional.empty()
                        : Optional.of(new ApprovedChange(kind, tokens, seconds, null));
            }
            case LARGER_POPULATION -> find(POPULATION, detail)
                    .map(p -> new ApprovedChange(kind, null, null, Integer.parseInt(p)));
            default -> Optional.empty();
        };
    }

    /** Applies the change to the run; it takes effect when the next generation opens. */
    public void applyTo(RunState run) {
        if (kind == ApprovalKind.MORE_BUDGET) {
            TrainingBudget current = run.budget();
            // the run's smoke step stays: more budget changes the limits, not how a variant is checked
            run.steering().approveBudget(current.withLimits(maxTokens != null ? maxTokens : current.maxTokens(),
                    maxSeconds != null ? maxSeconds : current.maxSeconds()));
        } else if (kind == ApprovalKind.LARGER_POPULATION) {
            run.steering().approvePopulation(population, run.config());
        }
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
