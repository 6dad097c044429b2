package ai.darwin.platform.security;

import ai.darwin.platform.rest.ErrorBody;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A refused caller gets the same JSON {@link ErrorBody} as any other 4xx, saying what to send instead: 401 for a
 * missing or invalid token, 403 for a token without the role. The reason never echoes the token or why its signature
 * failed, which would help a forger more than a user.
 */
public final class RefusalMappers {

    static final String NO_TOKEN = "authentication required: send 'Authorization: Bearer <token>' "
            + "(./darwin prints a local operator token at its start)";
    static final String BAD_TOKEN = "the bearer token is invalid or expired";
    static final String FORBIDDEN = "your token's roles do not allow this: viewers read, approvers decide approvals, "
            + "operators start runs, intervene, export and prune";

    private RefusalMappers() {
    }

    static Response unauthorized(String reason) {
        return Response.status(401).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new ErrorBody(401, reason)).build();
    }

    /** No token at all, on an endpoint that needs one. */
    @Provider
    public static class Unauthorized implements ExceptionMapper<UnauthorizedException> {
        @Override
        public Response toResponse(UnauthorizedException exception) {
            return unauthorized(NO_TOKEN);
        }
    }

    /** A token that does not verify: a wrong signature or issuer, expired, or not a JWT at all. */
    @Provider
    public static class AuthenticationFailed implements ExceptionMapper<AuthenticationFailedException> {
        @Override
        public Response toResponse(AuthenticationFailedException exception) {
            return unauthorized(BAD_TOKEN);
        }
    }

    /** A valid token whose roles do not include what the endpoint needs. */
    @Provider
    public static class Forbidden implements ExceptionMapper<ForbiddenException> {
        @Override
        public Response toResponse(ForbiddenException exception) {
            return Response.status(403).type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorBody(403, FORBIDDEN)).build();
        }
    }
}
