package ai.darwin.mutation.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryLessonsTest {

    @Test
    void readsTheRunsLessonsTextFromMemoryService() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> query = new AtomicReference<>();
        server.createContext("/lessons", exchange -> {
            query.set(exchange.getRequestURI().getQuery());
            byte[] body = """
                    {"text":"Lessons of run r-1:\\nHelped:\\n- LEARNING_RATE down: 2 variants, mean -0.1000, 2/2 improved\\n",
                     "helped":[{"kind":"LEARNING_RATE down","count":2,"meanDelta":-0.1,"effectSize":-3.1,
                                "improved":2,"standardError":0.02}],
                     "hurt":[{"kind":"method SeedGpt.Block.forward rewritten","count":1,"meanDelta":0.3,
                              "improved":0,"standardError":null}]}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            MemoryLessons lessons = new MemoryLessons(
                    new MemoryClient("http://127.0.0.1:" + server.getAddress().getPort() + "/"), 800, true);
            assertThat(lessons.lessons("r-1", "agent-2")).containsExactly("Lessons of run r-1:", "Helped:",
                    "- LEARNING_RATE down: 2 variants, mean -0.1000, 2/2 improved");
            assertThat(query.get()).contains("runId=r-1").contains("maxChars=800").contains("acrossRuns=true");
            assertThat(lessons.effects("r-1")).containsExactly(
                    new ChangeKindEffect("LEARNING_RATE down", 2, -0.1, 0.02), new ChangeKindEffect("method SeedGpt.Block.forward rewritten", 1, 0.3, null));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableMemoryServiceMeansNoLessonsNotAFailure() {
        assertThat(new MemoryLessons(new MemoryClient("http://127.0.0.1:9"), 800, false).lessons("r-1", "agent-1"))
                .isEmpty();
    }
}
