package ai.darwin.mutation;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the fake OpenAI-compatible server before the application and points the LLM client at it, with a short
 * timeout and one retry so that the timeout scenario ends within seconds. A test class may set another timeout with
 * the init argument {@code timeout} (an ISO-8601 duration).
 */
public class FakeOpenAiResource implements QuarkusTestResourceLifecycleManager {

    private static FakeOpenAi server;
    private String timeout = "PT3S";

    public static synchronized FakeOpenAi server() {
        if (server == null) {
            server = new FakeOpenAi();
        }
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        timeout = initArgs.getOrDefault("timeout", timeout);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(Map.of("darwin.mutation.llm.base-url", server().baseUrl(),
                "darwin.mutation.llm.api-key", "test-key-never-logged",
                "darwin.mutation.llm.max-retries", "1",
                "darwin.mutation.concurrency", "4",
                "darwin.mutation.llm.concurrency", "8",
                "darwin.mutation.repair-attempts", "2"));
        config.put("darwin.mutation.llm.timeout", timeout);
        return config;
    }

    @Override
    public void stop() {
        // shared by the test classes of this JVM, like the broker
    }
}
