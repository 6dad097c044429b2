package ai.darwin.platform.rest;

/**
 * The JSON body of every 4xx answer of a Darwin service.
 *
 * @param status the HTTP status
 * @param error  what was wrong with the request, precise enough to fix it
 */
public record ErrorBody(int status, String error) {
}
