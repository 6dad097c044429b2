package ai.darwin.hitl.approval;

import ai.darwin.events.Nullable;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalScope;
import jakarta.ws.rs.BadRequestException;
import java.util.Locale;

/**
 * Whom an approval applies to, as the approver wrote it. MORE_DATA and NEW_IMPORT may be granted to the requester's
 * lineage alone; every other kind, and a refusal, grants nothing that needs a scope.
 */
public final class GrantScopes {

    private GrantScopes() {
    }

    /**
     * @param scope {@code run} or {@code lineage}; null or blank: the whole run
     * @throws BadRequestException for anything else
     */
    public static ApprovalScope parse(@Nullable String scope) {
        if (scope == null || scope.isBlank()) {
            return ApprovalScope.RUN;
        }
        try {
            return ApprovalScope.valueOf(scope.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("'scope' must be run or lineage, not '" + scope + "'");
        }
    }

    /** @return the scope of an approved NEW_IMPORT, or null where the decision carries none */
    public static @Nullable ApprovalScope ofImport(ApprovalView request, boolean approved, @Nullable String scope) {
        return approved && request.kind() == ApprovalKind.NEW_IMPORT ? parse(scope) : null;
    }
}
