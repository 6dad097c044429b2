package ai.darwin.memory.query;

import ai.darwin.platform.text.BoundedText;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The parts of a lesson that a variant wrote, as lessons serve them: a failed training's message (the program that
 * threw chose it) and the names its diff changed. Lessons go into the mutators' prompts, so this text is data that
 * must not pass for anything else there.
 *
 * <p>An excerpt is one line (the first that says anything), without control characters, terminal escapes or
 * invisible format characters, with Markdown fences, closing tags and chat-template tokens defused, cut visibly at a
 * fixed size. {@link #quoted} puts it in double quotes, escaped as in JSON, so that where it ends stays clear.
 * mutation-service quotes lessons again on its side; this keeps memory's own answer safe for any other reader.
 */
final class ProgramText {

    /** The most characters of a failure message a lesson keeps: its first words say what failed. */
    static final int MESSAGE_CHARS = 200;
    /** The most characters of a changed name a lesson keeps. */
    static final int NAME_CHARS = 80;

    private static final Pattern LINE = Pattern.compile("\r\n?|[\n\u0085\u2028\u2029]");
    /** Terminal escapes (CSI, OSC, two-byte), then every other control, format or lone surrogate character. */
    private static final Pattern INVISIBLE = Pattern.compile(
            "\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*\u0007?|[@-_])?|[\\p{Cc}\\p{Cf}\\p{Cs}]");
    /** A Markdown fence, the start of a closing tag or of a chat-template token, or the end of such a token. */
    private static final Pattern BREAKOUT = Pattern.compile("`{3,}|~{3,}|<(?=\\s*[/|])|\\|>");

    private ProgramText() {
    }

    /** @return the first line of the text that has anything visible, made safe and cut to {@code max} characters */
    static String excerpt(String text, int max) {
        if (text == null) {
            return "";
        }
        for (String line : LINE.split(text, -1)) {
            String visible = INVISIBLE.matcher(line.replace('\t', ' ')).replaceAll("").strip();
            if (!visible.isEmpty()) {
                return BoundedText.head(BREAKOUT.matcher(visible).replaceAll(ProgramText::defuse), max);
            }
        }
        return "";
    }

    /** The excerpt in double quotes, its quotes and backslashes escaped. */
    static String quoted(String excerpt) {
        return '"' + excerpt.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String defuse(MatchResult match) {
        String found = match.group();
        return switch (found.charAt(0)) {
            case '<' -> "‹";
            case '|' -> "|›";
            default -> "'".repeat(found.length());
        };
    }
}
