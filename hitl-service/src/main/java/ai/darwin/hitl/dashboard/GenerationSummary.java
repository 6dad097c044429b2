package ai.darwin.hitl.dashboard;

import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.hitl.store.Documents;
import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * A generation as the run page lists it.
 *
 * @param generation   its number, from 0
 * @param closed       whether it closed
 * @param verifies     whether it re-trains the champion and the baseline instead of mutating
 * @param openedAt     when it opened
 * @param deadline     results after this count as timeouts
 * @param closedAt     when it closed
 * @param assignments  units of work it was opened with
 * @param budget       the training budget of its variants
 * @param guidance     human guidance in force
 * @param statistics   its statistics, once closed
 * @param verification the champion against the baseline, for a verifying generation once closed
 */
public record GenerationSummary(int generation, boolean closed, boolean verifies, Instant openedAt, Instant deadline,
                                Instant closedAt, Integer assignments, TrainingBudget budget, List<String> guidance,
                                GenerationStatistics statistics, VerificationReport verification) {

    static GenerationSummary of(Document generation) {
        return new GenerationSummary(generation.getInteger("generation"), generation.get("closedAt") != null,
                Boolean.TRUE.equals(generation.getBoolean("verifies")), Documents.instant(generation, "openedAt"),
                Documents.instant(generation, "deadline"), Documents.instant(generation, "closedAt"),
                generation.getInteger("assignments"),
                Documents.read(generation.get("budget", Document.class), TrainingBudget.class),
                generation.getList("guidance", String.class, List.of()),
                Documents.read(generation.get("statistics", Document.class), GenerationStatistics.class),
                Documents.read(generation.get("verification", Document.class), VerificationReport.class));
    }
}
