package ai.darwin.platform.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request the contract's records reject (a missing or out-of-range field) is the client's error: 400. */
@Provider
public class InvalidArgumentMapper implements ExceptionMapper<IllegalArgumentException> {

    @Override
    public Response toResponse(IllegalArgumentException exception) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(400, exception.getMessage())).build();
    }
}
