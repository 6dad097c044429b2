package ai.darwin.mutation.program;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A program's source with its JavaParser tree, and the way back from tree positions to text offsets, so that
 * mutations edit the text in place and leave every other character (comments, layout) as it was.
 */
public final class JavaSource {

    private final String text;
    private final CompilationUnit unit;
    private final int[] lineStarts;

    private JavaSource(String text, CompilationUnit unit) {
        this.text = text;
        this.unit = unit;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Parses a source; the failure's message lists the parser's problems. */
    public static JavaSource parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "the program does not parse: " + problems(text)));
    }

    public static Optional<JavaSource> tryParse(String text) {
        ParseResult<CompilationUnit> result = parser().parse(text);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JavaSource(text, result.getResult().get()));
    }

    /** The parser's complaints about a text, one per line (empty when it parses). */
    public static String problems(String text) {
        return parser().parse(text).getProblems().stream().map(Problem::getVerboseMessage)
                .collect(Collectors.joining("\n"));
    }

    private static JavaParser parser() {
        // a tab counts as one column, so that columns are character offsets within the line
        return new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17).setTabSize(1));
    }

    public String text() {
        return text;
    }

    public CompilationUnit unit() {
        return unit;
    }

    /** The offset of a tree position in the text. */
    public int offset(Position position) {
        return lineStarts[position.line - 1] + position.column - 1;
    }

    /** The text offsets {@code [start, end)} a node spans. */
    public int[] span(Node node) {
        Range range = node.getRange().orElseThrow(() -> new IllegalStateException("node without position"));
        return new int[] {offset(range.begin), offset(range.end) + 1};
    }

    /** The source text of a node, exactly as written. */
    public String textOf(Node node) {
        int[] span = span(node);
        return text.substring(span[0], span[1]);
    }

    /** An edit that replaces a node's text. */
    public TextEdit replace(Node node, String replacement) {
        int[] span = span(node);
        return new TextEdit(span[0], span[1], replacement);
    }
}
