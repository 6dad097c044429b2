package ai.darwin.mutation.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Lessons from memory-service's public read API ({@code GET /lessons?runId=…&maxChars=…}): which kinds of change
 * helped or hurt in this run, and which failures recur. A read-only query that degrades to no lessons: when
 * memory-service cannot answer within the timeout, the prompt goes without and the proposal is not delayed.
 */
final class MemoryLessons implements LessonsSource {

    private static final Logger LOG = Logger.getLogger(MemoryLessons.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;
    private final int maxChars;

    MemoryLessons(String url, int maxChars) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.maxChars = maxChars;
    }

    @Override
    public List<String> lessons(String runId, String agentId) {
        URI uri = URI.create(url + "/lessons?maxChars=" + maxChars + "&runId="
                + URLEncoder.encode(runId, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warnf("memory-service answered %d for lessons of run %s: prompt goes without", response.statusCode(),
                        runId);
                return List.of();
            }
            JsonNode text = JSON.readTree(response.body()).path("text");
            return text.asText("").lines().filter(line -> !line.isBlank()).toList();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("no lessons from memory-service at %s (%s): prompt goes without", url, e.getMessage());
            return List.of();
        }
    }
}
