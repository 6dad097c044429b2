package ai.darwin.training.harness.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void writesValidJsonThatReadsBack() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é 😀");
        value.put("long", 9_007_199_254_740_993L);
        value.put("double", 1.8730682884586777E11);
        value.put("nan", Double.NaN);
        value.put("infinite", Double.POSITIVE_INFINITY);
        value.put("list", List.of(1, 2.5, true));
        value.put("nothing", null);
        value.put("enum", Thread.State.NEW);
        value.put("nested", Map.of("empty", List.of()));

        JsonNode json = new ObjectMapper().readTree(Json.write(value));

        assertThat(json.get("text").asText()).isEqualTo("quote \" backslash \\ newline \n tab \t bell \u0007 é 😀");
        assertThat(json.get("long").asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(json.get("double").asDouble()).isEqualTo(1.8730682884586777E11);
        assertThat(json.get("nan").isNull()).isTrue();
        assertThat(json.get("infinite").isNull()).isTrue();
        assertThat(json.get("list").toString()).isEqualTo("[1,2.5,true]");
        assertThat(json.get("nothing").isNull()).isTrue();
        assertThat(json.get("enum").asText()).isEqualTo("NEW");
        assertThat(json.get("nested").get("empty").isArray()).isTrue();
        assertThat(Arrays.asList(Json.write(List.of()), Json.write(Map.of()))).containsExactly("[]", "{}");
    }
}
