package ai.darwin.mutation.program;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.variant.ProgramFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void diffsAreUnifiedWithTheFileNameAndEmptyForEqualTexts() {
        assertThat(UnifiedDiff.of("a\nb\nc\n", "a\nB\nc\n", "P.java"))
                .isEqualTo("--- a/P.java\n+++ b/P.java\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        assertThat(UnifiedDiff.of("a\n", "a\n", "P.java")).isEmpty();
    }

    @Test
    void aProgramOfSeveralFilesDiffsPerFileWithDevNullForFilesAddedOrRemoved() {
        Program parent = new Program("a\nb\n", List.of(new ProgramFile("m/Old.java", "old\n"),
                new ProgramFile("m/Kept.java", "k\n")));
        Program variant = new Program("a\nB\n", List.of(new ProgramFile("m/New.java", "new\n"),
                new ProgramFile("m/Kept.java", "k\n")));
        assertThat(UnifiedDiff.of(parent, variant)).isEqualTo("""
                --- a/Program.java
                +++ b/Program.java
                @@ -1,2 +1,2 @@
                 a
                -b
                +B
                --- /dev/null
                +++ b/m/New.java
                @@ -0,0 +1,1 @@
                +new
                --- a/m/Old.java
                +++ /dev/null
                @@ -1,1 +0,0 @@
                -old
                """);
        // a single file keeps the name of its public type, as its diffs always had
        assertThat(UnifiedDiff.of(Program.single("public class P {\n}\n"), Program.single("public class P {}\n")))
                .startsWith("--- a/P.java\n+++ b/P.java\n");
    }
}
