package ai.darwin.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a rejected request with its status and the reason as {@link ErrorBody}, never an empty body. A body that
 * could not be read says why: the field a contract record rejected, or where the JSON broke.
 */
@Provider
public class ClientErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(status, reason(exception))).build();
    }

    static String reason(WebApplicationException exception) {
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
                return "invalid request body: " + invalid.getMessage();
            }
        }
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return "malformed request body: " + json.getOriginalMessage();
            }
        }
        if (exception.getMessage() != null) {
            return exception.getMessage();
        }
        return Response.Status.fromStatusCode(exception.getResponse().getStatus()).getReasonPhrase();
    }
}
