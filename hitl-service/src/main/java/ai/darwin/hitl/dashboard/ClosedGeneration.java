package ai.darwin.hitl.dashboard;

import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.Survivor;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.hitl.store.Documents;
import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * A closed generation as selection ranked it.
 *
 * @param generation   its number
 * @param closedAt     when it closed
 * @param ranking      every variant, best first (failures last)
 * @param survivors    each agent with the program it carries into the next generation
 * @param statistics   its statistics
 * @param verification the champion against the baseline, for a verifying generation
 */
public record ClosedGeneration(int generation, Instant closedAt, List<RankedVariant> ranking, List<Survivor> survivors,
                               GenerationStatistics statistics, VerificationReport verification) {

    static ClosedGeneration of(Document generation) {
        return new ClosedGeneration(generation.getInteger("generation"), Documents.instant(generation, "closedAt"),
                generation.getList("ranking", Document.class, List.of()).stream()
                        .map(d -> Documents.read(d, RankedVariant.class)).toList(),
                generation.getList("survivors", Document.class, List.of()).stream()
                        .map(d -> Documents.read(d, Survivor.class)).toList(),
                Documents.read(generation.get("statistics", Document.class), GenerationStatistics.class),
                Documents.read(generation.get("verification", Document.class), VerificationReport.class));
    }
}
