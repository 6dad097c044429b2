package ai.darwin.mutation.llm;

import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.proposal.MutatorUnavailableException;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import jakarta.annotation.PreDestroy;
import com.openai.core.ObjectMappers;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * The LLM through the official OpenAI Java SDK: OpenAI itself, or any OpenAI-compatible server (vLLM, Ollama,
 * llama.cpp) at the configured base URL. The SDK retries 429s, 5xx and timeouts with backoff; at most
 * {@code darwin.mutation.llm.concurrency} requests are in flight. The API key is never logged.
 */
@ApplicationScoped
public class OpenAiLlmClient implements LlmClient {

    private static final Logger LOG = Logger.getLogger(OpenAiLlmClient.class);
    /** Local servers ignore the key, but the SDK wants one. */
    private static final String NO_KEY = "no-key";

    private final MutationConfig.Llm config;
    private final Semaphore inFlight;
    private volatile OpenAIClient client;
    private volatile ChatCompletionCreateParams.ResponseFormat answerFormat;

    OpenAiLlmClient(MutationConfig config) {
        this.config = config.llm();
        this.inFlight = new Semaphore(Math.max(1, this.config.concurrency()), true);
    }

    /**
     * Builds the client, the answer's JSON schema and the SDK's JSON readers, and lists the server's models (free,
     * and it shows a wrong URL or key at start): cold, all this costs seconds on the first request (schema
     * generation about 2.5 s, the first response's parsing about 2 s on two cores).
     */
    @Override
    public void warmUp() {
        String server = config.baseUrl().orElse("OpenAI");
        try {
            int models = client().withOptions(options -> options.maxRetries(0).timeout(Duration.ofSeconds(10)))
                    .models().list().data().size();
            LOG.infof("the LLM server %s answers (%d models)", server, models);
        } catch (OpenAIException e) {
            LOG.warnf("the LLM server %s did not list its models (%s); proposals will try it anyway", server,
                    reason(e));
        }
        answerFormat();
        ObjectMappers.jsonMapper().convertValue(Map.of("id", "warm-up", "object", "chat.completion", "created", 0,
                "model", "warm-up", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", "{}")))), ChatCompletion.class)
                .choices().forEach(choice -> choice.message().content());
    }

    @Override
    public boolean configured() {
        return config.baseUrl().isPresent() || config.apiKey().isPresent();
    }

    @Override
    public LlmReply complete(String model, List<ChatMessage> messages) throws MutatorUnavailableException {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(model)
                .temperature(config.temperature());
        if (config.maxCompletionTokens() > 0) {
            params.maxCompletionTokens(config.maxCompletionTokens());
        }
        for (ChatMessage message : messages) {
            switch (message.role()) {
                case SYSTEM -> params.addSystemMessage(message.content());
                case USER -> params.addUserMessage(message.content());
                case ASSISTANT -> params.addMessage(ChatCompletionAssistantMessageParam.builder()
                        .content(message.content()).build());
            }
        }
        // the answer's schema as response_format; the reply is read leniently by AnswerParser either way
        if (config.structuredOutputs()) {
            params.responseFormat(answerFormat());
        }
        ChatCompletionCreateParams request = params.build();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MutatorUnavailableException("interrupted while waiting for an LLM slot", e);
        }
        try {
            ChatCompletion completion = client().chat().completions().create(request);
            String content = completion.choices().isEmpty() ? ""
                    : completion.choices().get(0).message().content().orElse("");
            long prompt = completion.usage().map(CompletionUsage::promptTokens).orElse(0L);
            long completionTokens = completion.usage().map(CompletionUsage::completionTokens).orElse(0L);
            return new LlmReply(content, prompt, completionTokens);
        } catch (OpenAIException e) {
            String reason = reason(e);
            LOG.warnf("LLM %s gave no answer after %d retries: %s", model, config.maxRetries(), reason);
            throw new MutatorUnavailableException("the LLM (" + model + ") gave no answer after "
                    + config.maxRetries() + " retries (" + reason + ")", e);
        } finally {
            inFlight.release();
        }
    }

    /** The status, or the root cause, in one line (a timeout reads as one, not as "Request failed"). */
    static String reason(OpenAIException e) {
        if (e instanceof OpenAIServiceException service) {
            return "HTTP " + service.statusCode() + " " + e.getClass().getSimpleName();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? text : text + ", " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The answer's JSON schema as {@code response_format}, derived once from {@link LlmAnswer}. */
    private ChatCompletionCreateParams.ResponseFormat answerFormat() {
        ChatCompletionCreateParams.ResponseFormat format = answerFormat;
        if (format == null) {
            format = ChatCompletionCreateParams.builder().model("schema").addUserMessage("schema")
                    .responseFormat(LlmAnswer.class).build().rawParams().responseFormat().orElseThrow();
            answerFormat = format;
        }
        return format;
    }

    private OpenAIClient client() {
        OpenAIClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                            .apiKey(config.apiKey().orElse(NO_KEY))
                            .timeout(config.timeout())
                            .maxRetries(config.maxRetries());
                    config.baseUrl().ifPresent(builder::baseUrl);
                    client = builder.build();
                    LOG.infof("LLM client for %s (timeout %s, %d retries, %d concurrent requests)",
                            config.baseUrl().orElse("OpenAI"), config.timeout(), config.maxRetries(),
                            config.concurrency());
                }
                current = client;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
