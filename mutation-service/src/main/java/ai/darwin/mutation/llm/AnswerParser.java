package ai.darwin.mutation.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;

/**
 * Reads an LLM's answer leniently: servers without structured outputs wrap JSON in Markdown fences or add words
 * around it, and enum values come in any case. What cannot be read becomes a message for the repair prompt.
 */
public final class AnswerParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private AnswerParser() {
    }

    /** @throws IllegalArgumentException with a one-line reason when the text holds no answer */
    public static LlmAnswer parse(String content) {
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("the answer was empty; answer with the JSON object described above");
        }
        String json = content.strip();
        int start = json.indexOf('{');
        int end = json.lastIndexOf('}');
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("the answer holds no JSON object; answer with the JSON object only");
        }
        json = json.substring(start, end + 1);
        LlmAnswer answer;
        try {
            answer = MAPPER.readValue(json, LlmAnswer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the answer is not the JSON object asked for: "
                    + e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
        }
        if (answer == null) {
            throw new IllegalArgumentException("the answer was null; answer with the JSON object described above");
        }
        return answer;
    }
}
