package ai.darwin.mutation;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the fake OpenAI-compatible server before the application and points the LLM client at it, with a short
 * timeout and one retry so that the timeout scenario ends within seconds.
 */
public class FakeOpenAiResource implements QuarkusTestResourceLifecycleManager {

    private static FakeOpenAi server;

    public static synchronized FakeOpenAi server() {
        if (server == null) {
            server = new FakeOpenAi();
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("darwin.mutation.llm.base-url", server().baseUrl(),
                "darwin.mutation.llm.api-key", "test-key-never-logged",
                "darwin.mutation.llm.timeout", "PT3S",
                "darwin.mutation.llm.max-retries", "1",
                "darwin.mutation.concurrency", "4",
                "darwin.mutation.llm.concurrency", "8",
                "darwin.mutation.repair-attempts", "2");
    }

    @Override
    public void stop() {
        // shared by the test classes of this JVM, like the broker
    }
}
