package ai.darwin.memory.query;

import ai.darwin.platform.text.BoundedText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * Builds a {@link PromptContext}: each variant's measure, its Δ against its parent and against its generation's
 * control, and whether selection kept it. Texts a variant wrote (its reasoning, its failure's output, its diff) are
 * cut here to a fixed size, so that the answer stays small whatever a program prints; mutation-service quotes them.
 */
@ApplicationScoped
public class PromptContextBuilder {

    /** The most ancestors a lineage lists: the nearest carry the changes that made the parent. */
    static final int MAX_LINEAGE = 8;
    /** The first line of a reasoning: what the change was. */
    static final int SUMMARY_CHARS = 200;
    /** The end of a failure's output: where the stack trace says what broke. */
    static final int TAIL_CHARS = 800;
    /** The head of an inspiration's diff. */
    static final int DIFF_CHARS = 1500;

    private final MemoryQueries queries;

    PromptContextBuilder(MemoryQueries queries) {
        this.queries = queries;
    }

    /**
     * @param parentVariantId  the program being rewritten, if known
     * @param mutatorVariantId the rewriting agent's program, if known
     * @param attempts         the most attempts in each list
     * @param top              the most top programs
     */
    public PromptContext context(String runId, String parentVariantId, String mutatorVariantId, int attempts,
                                 int top) {
        Views views = new Views(runId);
        Optional<Document> parent = Optional.ofNullable(parentVariantId).flatMap(queries::variant);
        List<Document> lineage = new ArrayList<>();
        parent.ifPresent(p -> ancestors(p, lineage));
        List<OutcomeView> recent = queries.recentAttempts(runId, attempts).stream().map(views::of).toList();
        Set<String> shown = recent.stream().map(OutcomeView::variantId).collect(Collectors.toSet());
        parent.ifPresent(p -> shown.add(p.getString("_id")));
        lineage.forEach(a -> shown.add(a.getString("_id")));
        List<Document> fromLineage = new ArrayList<>();
        parent.ifPresent(fromLineage::add);
        fromLineage.addAll(lineage);
        List<OutcomeView> lineageAttempts = fromLineage.stream()
                .flatMap(a -> queries.children(a.getString("_id")).stream())
                .filter(c -> !shown.contains(c.getString("_id")) && !"PENDING".equals(c.getString("outcome"))
                        && "MUTATE".equals(VariantView.of(c).kind()))
                .sorted(Comparator.comparing((Document c) -> c.getDate("proposedAt"),
                        Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                .limit(attempts).map(views::of).toList();
        Document floor = queries.generations(runId).stream().map(g -> g.get("closed", Document.class))
                .filter(c -> c != null && c.get("noiseFloor", Document.class) != null)
                .reduce((first, second) -> second).map(c -> c.get("noiseFloor", Document.class)).orElse(null);
        return new PromptContext(runId, VariantView.number(floor, "valBitsPerByte"),
                floor == null ? null : floor.getInteger("seeds"), parent.map(views::of).orElse(null),
                Optional.ofNullable(mutatorVariantId).flatMap(queries::variant).map(views::of).orElse(null),
                lineage.stream().map(views::of).toList(), recent, lineageAttempts,
                queries.leaderboard(runId, top).stream().map(views::withDiff).toList());
    }

    private void ancestors(Document variant, List<Document> into) {
        Set<String> seen = new HashSet<>(Set.of(variant.getString("_id")));
        Document current = variant;
        while (into.size() < MAX_LINEAGE) {
            List<String> parents = current.getList("parentVariantIds", String.class, List.of());
            Optional<Document> parent = parents.isEmpty() || !seen.add(parents.get(0)) ? Optional.empty()
                    : queries.variant(parents.get(0));
            if (parent.isEmpty()) {
                return;
            }
            into.add(parent.get());
            current = parent.get();
        }
    }

    /** One run's views, with each generation's closing read once. */
    private final class Views {
        private final String runId;
        private final Map<Integer, Optional<Document>> closed = new HashMap<>();
        private Double baseline;
        private boolean baselineRead;

        Views(String runId) {
            this.runId = runId;
        }

        OutcomeView withDiff(Document variant) {
            Document proposal = variant.get("proposal", Document.class);
            OutcomeView view = of(variant);
            String diff = proposal == null ? null : proposal.getString("diff");
            return new OutcomeView(view.variantId(), view.generation(), view.agentId(), view.mutatorAgentId(),
                    view.outcome(), view.valBitsPerByte(), view.mfu(), view.tokensPerSecond(), view.deltaVsParent(),
                    view.versusControl(), view.withinNoise(), view.changeKinds(), view.summary(),
                    view.failureClass(), view.errorTail(), diff == null || diff.isEmpty() ? null
                            : BoundedText.head(diff, DIFF_CHARS));
        }

        OutcomeView of(Document variant) {
            VariantView view = VariantView.of(variant);
            Optional<Document> closing = view.generation() == null ? Optional.empty()
                    : closed.computeIfAbsent(view.generation(), g -> queries.generation(runId, g)
                            .map(d -> d.get("closed", Document.class)));
            Document ranked = closing.flatMap(c -> c.getList("ranking", Document.class, List.of()).stream()
                    .filter(r -> view.variantId().equals(r.getString("variantId"))).findFirst()).orElse(null);
            Document control = ranked == null ? null : ranked.get("versusControl", Document.class);
            Document result = variant.get("result", Document.class);
            boolean failed = "FAILED".equals(view.outcome());
            return new OutcomeView(view.variantId(), view.generation(), view.agentId(), view.mutatorAgentId(),
                    outcome(view, closing.orElse(null)), view.valBitsPerByte(), view.mfu(), view.tokensPerSecond(),
                    deltaVsParent(view), VariantView.number(control, "valBitsPerByte"),
                    control == null ? null : control.getBoolean("withinNoise"),
                    view.changeKinds().stream().map(k -> ProgramText.excerpt(k, ProgramText.NAME_CHARS)).toList(),
                    ProgramText.excerpt(view.reasoning(), SUMMARY_CHARS), view.failureClass(),
                    failed && result != null ? errorTail(result) : null, null);
        }

        private String outcome(VariantView view, Document closing) {
            if (!"COMPLETED".equals(view.outcome())) {
                return view.outcome();
            }
            if (closing == null) {
                return "TRAINED";
            }
            boolean kept = closing.getList("survivors", Document.class, List.of()).stream()
                    .anyMatch(s -> view.variantId().equals(s.getString("variantId")));
            return kept ? "KEPT" : "DISCARDED";
        }

        private Double deltaVsParent(VariantView view) {
            if (view.valBitsPerByte() == null || view.parentVariantIds().isEmpty()) {
                return null;
            }
            Double parent = queries.variant(view.parentVariantIds().get(0)).map(p -> VariantView.of(p).valBitsPerByte())
                    .orElseGet(this::baseline);
            return parent == null ? null : view.valBitsPerByte() - parent;
        }

        private Double baseline() {
            if (!baselineRead) {
                baseline = queries.baseline(runId).map(b -> VariantView.of(b).valBitsPerByte()).orElse(null);
                baselineRead = true;
            }
            return baseline;
        }
    }

    /** The failure's one-line message, then the last lines of its output, each line made safe and cut. */
    static String errorTail(Document result) {
        String message = ProgramText.excerpt(result.getString("message"), ProgramText.MESSAGE_CHARS);
        String log = String.valueOf(Optional.ofNullable(result.getString("logTail")).orElse("")).lines()
                .map(line -> ProgramText.excerpt(line, ProgramText.MESSAGE_CHARS)).filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n"));
        return log.isEmpty() ? message
                : message + "\n" + BoundedText.tail(log, TAIL_CHARS - ProgramText.MESSAGE_CHARS - 1);
    }
}
