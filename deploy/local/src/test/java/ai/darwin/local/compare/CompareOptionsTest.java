package ai.darwin.local.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareOptionsTest {

    @TempDir
    Path dir;

    private List<String> programs() throws IOException {
        Files.writeString(dir.resolve("A.java"), "class A { }");
        Files.writeString(dir.resolve("B.java"), "class B { }");
        return List.of(dir.resolve("A.java").toString(), dir.resolve("B.java").toString());
    }

    @Test
    void defaultsToATokenBudgetAndEightSeeds() throws IOException {
        CompareOptions options = CompareOptions.parse(programs());

        assertThat(options.maxTokens()).isEqualTo(CompareOptions.DEFAULT_BUDGET_TOKENS);
        assertThat(options.maxSeconds()).isZero();
        assertThat(options.maxSeeds()).isEqualTo(8);
        assertThat(options.alpha()).isEqualTo(0.01);
        assertThat(options.json()).isFalse();
    }

    @Test
    void readsEveryOption() throws IOException {
        List<String> args = new java.util.ArrayList<>(programs());
        args.addAll(List.of("--seeds", "5", "--budget-seconds", "12.5", "--dataset", "x.txt", "--preset", "cpu",
                "--seed", "7", "--alpha", "0.05", "--json"));

        CompareOptions options = CompareOptions.parse(args);

        assertThat(options.maxSeeds()).isEqualTo(5);
        assertThat(options.maxSeconds()).isEqualTo(12.5);
        assertThat(options.maxTokens()).isZero();
        assertThat(options.dataset()).isEqualTo("x.txt");
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.json()).isTrue();
    }

    @Test
    void badOptionsNameTheOptionAndWhatItAllows() throws IOException {
        List<String> two = programs();
        assertThatThrownBy(() -> CompareOptions.parse(List.of(two.get(0))))
                .hasMessageContaining("needs two programs");
        assertThatThrownBy(() -> CompareOptions.parse(List.of(two.get(0), dir.resolve("missing.java").toString())))
                .hasMessageContaining("no program at");
        assertThatThrownBy(() -> CompareOptions.parse(with(two, "--seeds", "1")))
                .hasMessageContaining("--seeds takes a whole number from 2 to 100");
        assertThatThrownBy(() -> CompareOptions.parse(with(two, "--seeds", "abc")))
                .hasMessageContaining("--seeds takes a whole number");
        assertThatThrownBy(() -> CompareOptions.parse(with(two, "--budget-seconds", "-5")))
                .hasMessageContaining("--budget-seconds takes a number of seconds above 0");
        assertThatThrownBy(() -> CompareOptions.parse(with(two, "--budget-tokens", "10", "--budget-seconds", "5")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> CompareOptions.parse(with(two, "--preset", "tpu")))
                .hasMessageContaining("--preset takes cpu or gpu");
        assertThatThrownBy(() -> CompareOptions.parse(with(two, "--frobnicate")))
                .hasMessageContaining("unknown option --frobnicate");
    }

    private static List<String> with(List<String> programs, String... options) {
        List<String> args = new java.util.ArrayList<>(programs);
        args.addAll(List.of(options));
        return args;
    }
}
