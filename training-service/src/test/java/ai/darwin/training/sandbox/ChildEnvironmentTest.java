package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

    private static final Path HOME = Path.of("/work/attempt/home");
    private static final Path TMP = Path.of("/work/attempt/tmp");
    private static final Path CACHE = Path.of("/cache/djl");

    @Test
    void onlyAllowedVariablesPassAndThePrivateOnesAreSet() {
        Map<String, String> parent = Map.of("PATH", "/opt/bin:/usr/bin", "LANG", "en_US.UTF-8",
                "OPENAI_API_KEY", "sk-secret", "KAFKA_BOOTSTRAP_SERVERS", "broker:9092", "HOME", "/root",
                "JAVA_TOOL_OPTIONS", "-javaagent:/evil.jar");

        Map<String, String> child = ChildEnvironment.of(parent, List.of("PATH", "LANG"), HOME, TMP, CACHE, 3);

        assertThat(child).containsEntry("PATH", "/opt/bin:/usr/bin").containsEntry("LANG", "en_US.UTF-8")
                .containsEntry("HOME", HOME.toString()).containsEntry("TMPDIR", TMP.toString())
                .containsEntry("DJL_CACHE_DIR", CACHE.toString()).containsEntry("OMP_NUM_THREADS", "3")
                .containsEntry("MKL_NUM_THREADS", "3")
                .doesNotContainKeys("OPENAI_API_KEY", "KAFKA_BOOTSTRAP_SERVERS", "JAVA_TOOL_OPTIONS");
        assertThat(child.values()).doesNotContain("sk-secret", "/root");
    }

    @Test
    void aSecretIsNeverPassedEvenWhenTheAllowListNamesIt() {
        Map<String, String> parent = Map.of("OPENAI_API_KEY", "sk-secret", "AWS_SECRET_ACCESS_KEY", "aws",
                "GITHUB_TOKEN", "gh", "DB_PASSWORD", "pw", "TZ", "UTC");

        Map<String, String> child = ChildEnvironment.of(parent,
                List.of("OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "DB_PASSWORD", "TZ"), HOME, TMP,
                CACHE, 1);

        assertThat(child).containsEntry("TZ", "UTC")
                .doesNotContainKeys("OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "DB_PASSWORD");
    }

    @Test
    void theWorkersCollectorIsNeverNamedToAChildEvenWhenTheAllowListNamesIt() {
        Map<String, String> parent = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317",
                "OTEL_SERVICE_NAME", "training-service", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "http://otel-collector:4317", "TZ", "UTC");

        Map<String, String> child = ChildEnvironment.of(parent, List.copyOf(parent.keySet()), HOME, TMP, CACHE, 1);

        assertThat(child).containsEntry("TZ", "UTC").doesNotContainKeys("OTEL_EXPORTER_OTLP_ENDPOINT",
                "OTEL_SERVICE_NAME", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        assertThat(String.join(" ", child.values())).doesNotContain("otel-collector");
    }

    @Test
    void aMissingPathGetsTheSystemDefault() {
        Map<String, String> child = ChildEnvironment.of(Map.of(), List.of("PATH"), HOME, TMP, CACHE, 1);

        assertThat(child).containsEntry("PATH", ChildEnvironment.DEFAULT_PATH).containsEntry("LANG", "C.UTF-8");
    }
}
