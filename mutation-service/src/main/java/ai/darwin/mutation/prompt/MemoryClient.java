package ai.darwin.mutation.prompt;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * memory-service's public read API for prompts. A read that degrades to nothing: when memory-service cannot answer
 * within the timeout, the prompt goes without that section and the proposal is not delayed.
 */
final class MemoryClient {

    private static final Logger LOG = Logger.getLogger(MemoryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;

    MemoryClient(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * @param pathAndQuery e.g. {@code /lessons?runId=r}, its values already URL-encoded
     * @param type         what the answer is read as
     * @param what         what is read, for the log
     */
    <T> Optional<T> get(String pathAndQuery, Class<T> type, String what) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + pathAndQuery))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warnf("memory-service answered %d for %s: prompt goes without", response.statusCode(), what);
                return Optional.empty();
            }
            return Optional.of(JSON.readValue(response.body(), type));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("no %s from memory-service at %s (%s): prompt goes without", what, url, e.getMessage());
            return Optional.empty();
        }
    }
}
