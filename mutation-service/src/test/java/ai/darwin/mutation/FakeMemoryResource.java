package ai.darwin.mutation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for memory-service's {@code GET /lessons?runId=} and {@code GET /prompt-context?runId=}: each
 * run's answers as a test sets them (a run without any answers 404, which the service reads as none). Points the
 * service's lessons source at it.
 */
public class FakeMemoryResource implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LESSONS = new ConcurrentHashMap<>();
    private static final Map<String, String> OUTCOMES = new ConcurrentHashMap<>();
    private static final List<String> ASKED = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** The lessons text memory-service gives for a run. */
    public static void lessons(String runId, String text) {
        LESSONS.put(runId, text);
    }

    /** The answer of {@code GET /prompt-context} for a run, as memory-service's JSON. */
    public static void outcomes(String runId, String json) {
        OUTCOMES.put(runId, json);
    }

    /** The runs whose lessons were asked for, in order. */
    public static List<String> asked() {
        return ASKED;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/lessons", exchange -> {
            try (exchange) {
                String runId = runId(exchange.getRequestURI().getRawQuery());
                ASKED.add(String.valueOf(runId));
                String text = runId == null ? null : LESSONS.get(runId);
                answer(exchange, text == null ? null : JSON.writeValueAsBytes(Map.of("runId", runId, "text", text)));
            }
        });
        server.createContext("/prompt-context", exchange -> {
            try (exchange) {
                String runId = runId(exchange.getRequestURI().getRawQuery());
                String json = runId == null ? null : OUTCOMES.get(runId);
                answer(exchange, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return Map.of("darwin.mutation.lessons.source", "memory",
                "darwin.mutation.lessons.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static String runId(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("runId=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** 200 with the body, or 404 without one when the test set nothing. */
    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
