package ai.darwin.platform.security;

/**
 * The roles a caller's token may carry (in its {@code groups} claim), the same in every service. An operator is also
 * an approver and a viewer, and an approver also a viewer: each service maps the roles that way with
 * {@code quarkus.http.auth.roles-mapping}, so that an identity provider need only grant the highest one.
 */
public final class Roles {

    /** Reads runs, approvals and the dashboard. */
    public static final String VIEWER = "viewer";
    /** Decides what agents asked for. */
    public static final String APPROVER = "approver";
    /** Starts runs, intervenes in them, exports and prunes what they left. */
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
