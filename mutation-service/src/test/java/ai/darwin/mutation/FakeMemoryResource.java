package ai.darwin.mutation;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A local stand-in for memory-service's {@code GET /lessons?runId=}: each run's lessons text as a test sets it (a
 * run without any answers 404, which the service reads as no lessons). Points the service's lessons source at it.
 */
public class FakeMemoryResource implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LESSONS = new ConcurrentHashMap<>();
    private static final List<String> ASKED = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** The lessons text memory-service gives for a run. */
    public static void lessons(String runId, String text) {
        LESSONS.put(runId, text);
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
                String runId = null;
                for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                    if (pair.startsWith("runId=")) {
                        runId = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                    }
                }
                ASKED.add(String.valueOf(runId));
                String text = runId == null ? null : LESSONS.get(runId);
                byte[] body = text == null ? new byte[0]
                        : JSON.writeValueAsBytes(Map.of("runId", runId, "text", text));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(text == null ? 404 : 200, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return Map.of("darwin.mutation.lessons.source", "memory",
                "darwin.mutation.lessons.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
