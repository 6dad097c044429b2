package ai.darwin.e2e;

import ai.darwin.events.EventCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible chat server for mutation-service: every agent lengthens the warmup of the
 * program it rewrites by one step (a valid, distinct program each time), and the agent named {@code asker} also asks
 * a human for the corpora it is given, once per proposal (mutation-service publishes each request only once).
 */
final class FakeLlm implements AutoCloseable {

    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final Pattern WARMUP = Pattern.compile("    static final int WARMUP_STEPS = (\\d+);");

    private final HttpServer server;
    private final String asker;
    private final List<String> corpora;

    FakeLlm(String asker, List<String> corpora) throws IOException {
        this.asker = asker;
        this.corpora = corpora;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode messages = JSON.readTree(exchange.getRequestBody()).get("messages");
            String conversation = messages.toString();
            String last = messages.get(messages.size() - 1).get("content").asText();
            byte[] body = JSON.writeValueAsBytes(completion(answer(last, conversation.contains(
                    "You are agent " + asker + "."))));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private String answer(String prompt, boolean asks) throws IOException {
        Matcher warmup = WARMUP.matcher(prompt);
        String line = null;
        while (warmup.find()) {
            line = warmup.group(); // the last one is the program being rewritten
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("reasoning", "A slightly longer warmup steadies the first steps of this short budget.");
        answer.put("mode", "EDITS");
        ArrayNode edits = answer.putArray("edits");
        if (line != null) {
            int steps = Integer.parseInt(line.replaceAll("\\D", ""));
            edits.addObject().put("search", line).put("replace", line.replace(" " + steps + ";", " " + (steps + 1) + ";"));
        }
        answer.put("program", "");
        ArrayNode upgrades = answer.putArray("upgradeRequests");
        if (asks) {
            corpora.forEach(corpus -> upgrades.addObject().put("kind", "MORE_DATA").put("detail", corpus)
                    .put("justification", "the loss is still falling at the end of the budget"));
        }
        return JSON.writeValueAsString(answer);
    }

    private static ObjectNode completion(String content) {
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", "chatcmpl-e2e").put("object", "chat.completion").put("created", 1764100000)
                .put("model", "gpt-4o-mini");
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        completion.putObject("usage").put("prompt_tokens", 1000).put("completion_tokens", 100)
                .put("total_tokens", 1100);
        return completion;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
