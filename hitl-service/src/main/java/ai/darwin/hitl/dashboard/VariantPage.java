package ai.darwin.hitl.dashboard;

import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.hitl.store.Documents;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;

/**
 * Everything the dashboard knows of one variant: who made it from what and why, with the lessons its agent was given,
 * the whole program (its entry file and its other files) and its diff, and how it trained.
 *
 * @param variantId        the variant
 * @param runId            its run
 * @param generation       its generation
 * @param kind             MUTATE, BASELINE or VERIFY (absent until its proposal was seen)
 * @param agentId          the agent that owns it
 * @param mutatorAgentId   the agent that rewrote it
 * @param parentVariantIds the program(s) it came from; the diff is against the first
 * @param mutator          which mutator ({@code llm}, {@code offline}, {@code none})
 * @param model            the LLM model, for LLM mutators
 * @param proposalStatus   how validation went
 * @param validationErrors the reasons of failed validation attempts, oldest first
 * @param attempt          which attempt at its assignment it is; above 1 a runtime repair of {@code repairOf}
 * @param repairOf         the variant whose training failure it repairs
 * @param reasoning        the mutator's explanation of the change (bounded)
 * @param lessons          what its agent was given besides the programs: its prompt's lessons, or the outcomes the
 *                         optimiser fitted to; empty where nothing was used or the proposal predates them
 * @param source           the program's entry file, a single-file program's whole program (bounded)
 * @param diff             unified diff against the first parent, file by file (bounded)
 * @param costUsd          the LLM cost of the proposal
 * @param outcome          COMPLETED, HELD (a sanity gate held the result), FAILED, or absent while it trains
 * @param integrityGates   the sanity gates that held its result
 * @param metrics          its metrics, as the harness measured them
 * @param failureClass     why it failed
 * @param failureMessage   the failure's one-line explanation
 * @param logTail          the last lines of its output (bounded)
 * @param curve            its learning curve, by step
 * @param vetoed           a human vetoed it
 * @param promoted         a human promoted it
 * @param entryPath        the entry file's name in the diff and in the program's tabs
 * @param files            the program's other files, sorted by path (bounded together: {@link KeptFiles})
 * @param filesLeftOut     how many of its other files the dashboard did not keep
 */
public record VariantPage(String variantId, String runId, Integer generation, String kind, String agentId,
                          String mutatorAgentId, List<String> parentVariantIds, String mutator, String model,
                          String proposalStatus, List<String> validationErrors, Integer attempt, String repairOf,
                          String reasoning, List<String> lessons, String source, String diff, Double costUsd,
                          String outcome,
                          List<String> integrityGates, TrainingMetrics metrics, String failureClass,
                          String failureMessage, String logTail, List<CurvePoint> curve, boolean vetoed,
                          boolean promoted, String entryPath, List<ProgramFile> files, int filesLeftOut) {

    /**
     * One progress report on the learning curve.
     *
     * @param step            optimizer steps done
     * @param tokensSeen      training tokens processed
     * @param trainLoss       training loss as the program reports it
     * @param tokensPerSecond recent throughput
     * @param fractionDone    0..1 of the budget
     */
    public record CurvePoint(long step, long tokensSeen, double trainLoss, double tokensPerSecond,
                             double fractionDone) {

        static CurvePoint of(Document point) {
            return new CurvePoint(Documents.whole(point, "step"), Documents.whole(point, "tokensSeen"),
                    Documents.number(point, "trainLoss"), Documents.number(point, "tokensPerSecond"),
                    Documents.number(point, "fractionDone"));
        }
    }

    static VariantPage of(Document v) {
        List<CurvePoint> curve = v.getList("curve", Document.class, List.of()).stream().map(CurvePoint::of)
                .sorted(Comparator.comparingLong(CurvePoint::step)).toList();
        return new VariantPage(v.getString("_id"), v.getString("runId"), v.getInteger("generation"),
                v.getString("kind"), v.getString("agentId"), v.getString("mutatorAgentId"),
                v.getList("parentVariantIds", String.class, List.of()), v.getString("mutator"), v.getString("model"),
                v.getString("proposalStatus"), v.getList("validationErrors", String.class, List.of()),
                v.getInteger("proposedAttempt"), v.getString("repairOf"), v.getString("reasoning"),
                v.getList("lessons", String.class, List.of()), v.getString("source"), v.getString("diff"),
                Documents.number(v, "costUsd"), v.getString("outcome"),
                v.getList("integrityGates", String.class, List.of()),
                Documents.read(v.get("metrics", Document.class), TrainingMetrics.class), v.getString("failureClass"),
                v.getString("failureMessage"), v.getString("logTail"), curve,
                Boolean.TRUE.equals(v.getBoolean("vetoed")), Boolean.TRUE.equals(v.getBoolean("promoted")),
                ProgramFiles.ENTRY_PATH, v.getList("files", Document.class, List.of()).stream()
                        .map(f -> new ProgramFile(f.getString("path"), f.getString("source"))).toList(),
                v.getInteger("filesLeftOut", 0));
    }
}
