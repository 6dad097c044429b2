package ai.darwin.hitl.approval;

import ai.darwin.events.Nullable;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalScope;
import ai.darwin.events.run.ExtraCorpus;
import ai.darwin.platform.input.CorpusDigest;
import ai.darwin.platform.input.DatasetSources;
import ai.darwin.platform.input.DatasetsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import java.io.IOException;

/**
 * What an approved MORE_DATA request grants: the corpus the human names (or, when none, the agent's detail), which
 * must pass the dataset allow-list and the size cap, with the SHA-256 of its bytes read now. Recording the checksum
 * at approval is what lets every worker refuse a file that changed after a human looked at it.
 */
@ApplicationScoped
public class CorpusGrants {

    /**
     * A grant.
     *
     * @param scope  whom it applies to
     * @param corpus the corpus that joins the training mixture
     */
    public record Grant(ApprovalScope scope, ExtraCorpus corpus) {
    }

    private final DatasetSources sources;
    private final long maxBytes;

    CorpusGrants(DatasetsConfig datasets) {
        this.sources = datasets.sources();
        this.maxBytes = datasets.maxExtraCorpusSize().asLongValue();
    }

    /**
     * @param request the MORE_DATA request being approved
     * @param uri     the corpus the approver names; null: the request's detail
     * @param scope   {@code run} or {@code lineage}; null: the whole run
     * @param sha256  the checksum the approver expects, if they know it
     * @param weight  how many times its text joins the training stream; null: once
     * @throws BadRequestException saying what is wrong with the corpus or the decision
     */
    public Grant grant(ApprovalView request, @Nullable String uri, @Nullable String scope, @Nullable String sha256,
                       @Nullable Integer weight) {
        if (request.kind() != ApprovalKind.MORE_DATA) {
            throw new IllegalArgumentException("only MORE_DATA grants a corpus, not " + request.kind());
        }
        String corpus = uri == null || uri.isBlank() ? request.detail().strip() : uri.strip();
        ApprovalScope parsed = GrantScopes.parse(scope);
        int times = weight == null ? 1 : weight;
        if (times < 1 || times > ExtraCorpus.MAX_WEIGHT) {
            throw new BadRequestException("'weight' must be in [1, " + ExtraCorpus.MAX_WEIGHT + "] but was " + times);
        }
        sources.refusal(corpus).ifPresent(reason -> {
            throw new BadRequestException("corpus '" + corpus + "' is not allowed: " + reason
                    + " (the operator sets darwin.datasets.allowed-*); name an allowed one in 'corpus'");
        });
        String actual;
        try {
            actual = CorpusDigest.of(corpus, maxBytes, sources);
        } catch (IOException | RuntimeException e) {
            throw new BadRequestException("corpus '" + corpus + "' cannot be approved: " + e.getMessage());
        }
        if (sha256 != null && !sha256.isBlank() && !sha256.strip().equalsIgnoreCase(actual)) {
            throw new BadRequestException("corpus '" + corpus + "' has SHA-256 " + actual + ", not the " + sha256
                    + " given");
        }
        return new Grant(parsed, new ExtraCorpus(corpus, actual, times,
                parsed == ApprovalScope.LINEAGE ? request.agentId() : null, request.requestId()));
    }
}
