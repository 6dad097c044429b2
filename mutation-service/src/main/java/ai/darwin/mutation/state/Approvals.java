package ai.darwin.mutation.state;

import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.hitl.ApprovalScope;
import ai.darwin.events.run.ExtraCorpus;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.mutation.program.Layout;
import ai.darwin.training.harness.compile.ImportCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Upgrade requests of each run and the decisions on them, the first decision of a request standing (as at
 * hitl-service). An approved NEW_IMPORT grants its import catalogue entry to the run, or with a LINEAGE scope only to
 * the programs that descend from the variant that asked: the import check, the bytecode check here and on the
 * workers (through VariantProposed.grantedImports); an approval of anything outside the catalogue grants nothing,
 * whoever approved it. An approved NEW_FILE or RESTRUCTURE widens the {@link Layout} of the proposals made from then
 * on, for the run or the requesting agent's lineage, as the decision's scope says. Every request, decided or not, is
 * shown to later prompts so that agents do not ask twice.
 */
@ApplicationScoped
public class Approvals {

    /**
     * A request and its decision.
     *
     * @param decision null while pending
     */
    public record Entry(ApprovalRequested request, Boolean decision, String comment, ExtraCorpus corpus,
                        ApprovalScope scope) {

        public Entry(ApprovalRequested request, Boolean decision, String comment) {
            this(request, decision, comment, null, null);
        }

        public Entry(ApprovalRequested request, Boolean decision, String comment, ExtraCorpus corpus) {
            this(request, decision, comment, corpus, null);
        }

        /** Whether an approval of this entry applies to the proposals made for an agent (its scope's lineage). */
        boolean grantsTo(String agentId) {
            return Boolean.TRUE.equals(decision)
                    && (scope != ApprovalScope.LINEAGE || request.agentId().equals(agentId));
        }

        public String describe() {
            String state = decision == null ? "pending" : decision ? "APPROVED" : "denied";
            String whom = Boolean.TRUE.equals(decision) && scope == ApprovalScope.LINEAGE && corpus == null
                    ? " for agent " + request.agentId() + "'s lineage" : "";
            return request.kind() + " \"" + request.detail() + "\": " + state + whom + granted()
                    + (comment == null || comment.isBlank() ? "" : " (" + comment + ")");
        }

        /** What an approved MORE_DATA granted, and from when: the corpus joins at the next generation's opening. */
        private String granted() {
            if (corpus == null) {
                return "";
            }
            return ": corpus " + corpus.uri() + " joins the training mixture of "
                    + (corpus.agentId() == null ? "every agent" : "agent " + corpus.agentId() + "'s lineage")
                    + " from the generation after the approval (trained on, never validated on)";
        }
    }

    private final Map<String, Entry> byRequestId = new ConcurrentHashMap<>();
    /** Decisions read before their request (topics of several partitions give no order across keys). */
    private final Map<String, ApprovalDecided> early = new ConcurrentHashMap<>();
    /** The requests approved for a lineage only; any other approval holds for the whole run. */
    private final Set<String> lineageScoped = ConcurrentHashMap.newKeySet();

    /** A request read from the approvals topic. */
    public synchronized void onRequested(ApprovalRequested request) {
        ApprovalDecided decided = early.remove(request.requestId());
        byRequestId.putIfAbsent(request.requestId(), new Entry(request, null, null));
        if (decided != null) {
            onDecided(decided);
        }
    }

    public synchronized void onDecided(ApprovalDecided decided) {
        Entry entry = byRequestId.get(decided.requestId());
        if (entry == null) {
            early.putIfAbsent(decided.requestId(), decided);
            return;
        }
        if (entry.decision() != null) {
            return;
        }
        if (decided.approved() && decided.scope() == ApprovalScope.LINEAGE) {
            lineageScoped.add(decided.requestId());
        }
        byRequestId.put(decided.requestId(), new Entry(entry.request(), decided.approved(), decided.comment(),
                decided.corpus(), decided.scope()));
    }

    /** The classes of the catalogue entries granted to the whole run, as import names. */
    public Set<String> approvedImports(String runId) {
        return approvedImports(runId, Lineage.NONE);
    }

    /** The ids of the catalogue entries granted to the whole run, sorted. */
    public List<String> grantedImports(String runId) {
        return grantedImports(runId, Lineage.NONE);
    }

    /**
     * The classes of the catalogue entries granted to a program of this lineage, as import names (they reach the
     * system prompt and the checks).
     */
    public Set<String> approvedImports(String runId, Lineage lineage) {
        return grants(runId, lineage).stream().flatMap(e -> e.classes().stream()).collect(Collectors.toSet());
    }

    /** The ids of the catalogue entries granted to a program of this lineage, sorted: what its variant carries. */
    public List<String> grantedImports(String runId, Lineage lineage) {
        return grants(runId, lineage).stream().map(ImportCatalogue.Entry::id).sorted().distinct().toList();
    }

    private List<ImportCatalogue.Entry> grants(String runId, Lineage lineage) {
        return entries(runId).stream()
                .filter(e -> Boolean.TRUE.equals(e.decision()) && e.request().kind() == ApprovalKind.NEW_IMPORT)
                .filter(e -> holdsFor(e.request(), lineage))
                .flatMap(e -> ImportCatalogue.standard().covering(e.request().detail()).stream()).toList();
    }

    /**
     * The layout the proposals for an agent's program may have: RESTRUCTURE and NEW_FILE approvals of the run, and
     * those scoped to the agent's lineage when it asked for them. A NEW_FILE grants the path its detail names (quotes
     * and a leading {@code ./} aside); a detail that is no allowed path grants nothing.
     *
     * @param agentId the agent the proposal's program belongs to (the assignment's target)
     */
    public Layout layout(String runId, String agentId) {
        List<Entry> granted = entries(runId).stream().filter(e -> e.grantsTo(agentId)).toList();
        boolean restructure = granted.stream().anyMatch(e -> e.request().kind() == ApprovalKind.RESTRUCTURE);
        Set<String> newFiles = granted.stream().filter(e -> e.request().kind() == ApprovalKind.NEW_FILE)
                .map(e -> newFilePath(e.request().detail())).filter(ProgramFiles::isValidPath)
                .collect(Collectors.toSet());
        return new Layout(restructure, newFiles);
    }

    /** The path a NEW_FILE request names: its detail without quotes, backticks or a leading {@code ./}. */
    static String newFilePath(String detail) {
        String path = detail.strip().replaceAll("^[\"'`]+|[\"'`]+$", "").strip();
        return path.startsWith("./") ? path.substring(2) : path;
    }

    /** A run-wide approval holds for every program; a lineage one for the descendants of the asking variant. */
    private boolean holdsFor(ApprovalRequested request, Lineage lineage) {
        return !lineageScoped.contains(request.requestId()) || lineage.descendsFrom(request.variantId());
    }

    /** Every request of a run, oldest first. */
    public List<Entry> entries(String runId) {
        return byRequestId.values().stream().filter(e -> e.request().runId().equals(runId))
                .sorted((a, b) -> a.request().timestamp().compareTo(b.request().timestamp())).toList();
    }

    /**
     * Records a request this service is about to publish, unless the run already has one of the same kind and
     * detail (asked again, it would only be noise for the humans).
     *
     * @return whether the request is new and should be published
     */
    public synchronized boolean register(ApprovalRequested request) {
        boolean known = byRequestId.containsKey(request.requestId()) || entries(request.runId()).stream()
                .anyMatch(e -> e.request().kind() == request.kind()
                        && e.request().detail().strip().equalsIgnoreCase(request.detail().strip()));
        if (known) {
            return false;
        }
        onRequested(request);
        return true;
    }
}
