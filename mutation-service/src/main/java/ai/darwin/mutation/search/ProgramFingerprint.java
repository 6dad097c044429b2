package ai.darwin.mutation.search;

import ai.darwin.events.Sha256;
import ai.darwin.mutation.program.Program;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import java.util.Locale;

/**
 * A canonical hash of a program, by which a run rejects duplicates: two programs that differ only in comments,
 * layout or the spelling of a number ({@code 1e-3f}, {@code 0.001f}) have the same fingerprint, so the same knob
 * vector on the same code is the same program. A text that does not parse is hashed with its whitespace collapsed.
 */
public final class ProgramFingerprint {

    private ProgramFingerprint() {
    }

    /**
     * A whole program's fingerprint: a single file's is its entry file's, as before programs had files; with files,
     * a hash over each file's fingerprint with its path, so that moving code between files makes another program.
     */
    public static String of(Program program) {
        if (program.files().isEmpty()) {
            return of(program.entry());
        }
        StringBuilder text = new StringBuilder(of(program.entry()));
        program.files().forEach(f -> text.append('\n').append(f.path()).append(' ').append(of(f.source())));
        return Sha256.of(text.toString());
    }

    public static String of(String source) {
        ParseResult<CompilationUnit> parsed = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17).setAttributeComments(false))
                .parse(source);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return Sha256.of(source.strip().replaceAll("\\s+", " "));
        }
        CompilationUnit unit = parsed.getResult().get();
        for (DoubleLiteralExpr literal : unit.findAll(DoubleLiteralExpr.class)) {
            String suffix = literal.getValue().toLowerCase(Locale.ROOT).endsWith("f") ? "f" : "";
            try {
                literal.setValue(literal.asDouble() + suffix);
            } catch (NumberFormatException e) {
                // left as written
            }
        }
        for (IntegerLiteralExpr literal : unit.findAll(IntegerLiteralExpr.class)) {
            try {
                literal.setValue(literal.asNumber().toString());
            } catch (NumberFormatException e) {
                // left as written
            }
        }
        return Sha256.of(unit.toString());
    }
}
