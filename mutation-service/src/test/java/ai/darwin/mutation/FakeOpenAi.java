package ai.darwin.mutation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local OpenAI-compatible server ({@code POST /v1/chat/completions}) that answers with recorded responses from
 * {@code src/test/resources/llm/}. The conversation's scenario is the mutating agent named in the prompt
 * ("You are agent good-edit."): each scenario is a script of steps, played in order, the last one repeated.
 */
public final class FakeOpenAi implements AutoCloseable {

    private static final Pattern AGENT = Pattern.compile("You are agent ([\\w.-]+?)\\.");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the server does with one request: a recorded response, an error status, or an answer computed from the
     * request (for chunk mode, whose chunks are drawn at random).
     */
    public record Step(int status, String resource, long delayMillis, Function<Request, String> content) {

        public static Step answer(String resource) {
            return new Step(200, resource, 0, null);
        }

        public static Step status(int status) {
            return new Step(status, null, 0, null);
        }

        /** An answer whose message content the function writes. */
        public static Step computed(Function<Request, String> content) {
            return new Step(200, null, 0, content);
        }

        /**
         * A chunk-mode model: returns the chunk it is shown (the prompt's last Java fence) with a line added in
         * front, and the reasoning given.
         */
        public static Step echoingChunks(String firstLine, String reasoning) {
            return computed(request -> {
                String prompt = request.lastMessage();
                String chunk = prompt.substring(prompt.lastIndexOf("```java\n") + 8, prompt.lastIndexOf("\n```"));
                return JSON.createObjectNode().put("reasoning", reasoning).put("mode", "REWRITE")
                        .put("program", firstLine + "\n" + chunk).toString();
            });
        }

        public Step after(long millis) {
            return new Step(status, resource, millis, content);
        }
    }

    /** A request as the server saw it. */
    public record Request(String scenario, JsonNode body) {

        /** The text of the conversation's last message. */
        public String lastMessage() {
            JsonNode messages = body.get("messages");
            return messages.get(messages.size() - 1).get("content").asText();
        }

        public String systemMessage() {
            return body.get("messages").get(0).get("content").asText();
        }
    }

    private final HttpServer server;
    private final Map<String, List<Step>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> played = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeOpenAi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/v1/models", exchange -> {
            try (exchange) {
                respond(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\","
                        + "\"created\":0,\"owned_by\":\"recorded\"}]}");
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The base URL to configure, with {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Scripts a scenario: agents whose id starts with the name (longest name first) follow it. */
    public void script(String scenario, Step... steps) {
        scripts.put(scenario, List.of(steps));
        played.put(scenario, new AtomicInteger());
    }

    public List<Request> requests(String scenario) {
        return requests.stream().filter(r -> r.scenario().equals(scenario)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String scenario = scenarioOf(body);
            Request request = new Request(scenario, body);
            requests.add(request);
            List<Step> script = scripts.get(scenario);
            if (script == null) {
                respond(exchange, 500, "{\"error\":{\"message\":\"no script for " + scenario + "\"}}");
                return;
            }
            int index = played.get(scenario).getAndIncrement();
            Step step = script.get(Math.min(index, script.size() - 1));
            if (step.delayMillis() > 0) {
                Thread.sleep(step.delayMillis());
            }
            if (step.status() != 200) {
                exchange.getResponseHeaders().add("retry-after-ms", "50");
                respond(exchange, step.status(), "{\"error\":{\"message\":\"Rate limit reached (recorded)\","
                        + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");
                return;
            }
            respond(exchange, 200, step.content() == null ? resource(step.resource())
                    : completion(step.content().apply(request)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up waiting (a timeout scenario): nothing to answer
        }
    }

    private String scenarioOf(JsonNode body) {
        for (JsonNode message : body.get("messages")) {
            Matcher matcher = AGENT.matcher(message.get("content").asText());
            if (matcher.find()) {
                String agent = matcher.group(1);
                return scripts.keySet().stream().filter(agent::startsWith)
                        .max(Comparator.comparingInt(String::length)).orElse(agent);
            }
        }
        return "(no agent)";
    }

    private static String completion(String content) throws IOException {
        Map<String, Object> body = Map.of("id", "chatcmpl-computed", "object", "chat.completion", "created", 0,
                "model", "gpt-4o-mini", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 3000, "completion_tokens", 200, "total_tokens", 3200));
        return JSON.writeValueAsString(body);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String resource(String name) {
        try (InputStream in = FakeOpenAi.class.getClassLoader().getResourceAsStream("llm/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded response llm/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
