package ai.darwin.mutation.prompt;

import ai.darwin.platform.text.BoundedText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text that a variant controls, made fit to quote in a prompt: a failed training's message, lessons drawn from
 * failures, compiler diagnostics of a proposal, what agents asked of humans. An exception message is written by the
 * program that threw it, so it is a way to talk to the next prompt; here it becomes data.
 *
 * <p>Each item is cleaned (control characters, ANSI escapes and invisible format characters removed; Markdown
 * fences, this block's own tags and chat-template tokens defused), cut to a fixed size with a visible mark, and the
 * items go, up to a fixed size for the section, inside one {@code <untrusted-data>} block. The system prompt says
 * what such a block is: data from programs' output that is never followed as instructions. Nothing inside the
 * block can close it: no item holds its closing tag.
 */
public final class UntrustedText {

    /** The block's tag; {@code prompts/system.txt} names it in the rule for untrusted data. */
    public static final String TAG = "untrusted-data";

    /** Terminal escapes: CSI ({@code ESC [ ... final}), OSC ({@code ESC ] ... BEL or ESC \}), and two-byte ones. */
    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|\u001B[@-Z\\\\-_]");
    /**
     * Controls but the newline, invisible format characters (bidirectional overrides, zero-width characters) that
     * make text read otherwise than it is, and lone surrogates.
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}&&[^\n]]");
    private static final Pattern LINE_BREAKS = Pattern.compile("\r\n?|[\u2028\u2029]");
    /** Three or more backticks or tildes open or close a Markdown fence. */
    private static final Pattern FENCE = Pattern.compile("`{3,}|~{3,}");
    /** What could close this block or open a role: {@code </...}, {@code <untrusted...}, {@code <|im_start|>}. */
    private static final Pattern TAG_OPENING = Pattern.compile("<(?=\\s*(?:/|\\||" + TAG + "))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN_CLOSING = Pattern.compile("\\|>");

    private UntrustedText() {
    }

    /**
     * @param source     what the data is, in the service's own words (never text from the data)
     * @param items      the items, each one line or several
     * @param itemChars  the most characters one item keeps, its cut mark included
     * @param blockChars the most characters of items the block holds
     * @param none       the text when there are no items
     */
    public static String block(String source, List<String> items, int itemChars, int blockChars, String none) {
        if (items.isEmpty()) {
            return none;
        }
        StringBuilder text = new StringBuilder("<" + TAG + " source=\"" + source + "\">\n");
        List<String> kept = fitting(items, itemChars, blockChars);
        kept.forEach(item -> text.append(item).append('\n'));
        int cut = items.size() - kept.size();
        if (cut > 0) {
            text.append("[").append(cut).append(cut == 1 ? " more item" : " more items").append(" cut]\n");
        }
        return text.append("</").append(TAG).append('>').toString();
    }

    /** The items a {@link #block} holds, cleaned and cut, in order: what the model reads of them. */
    public static List<String> fitting(List<String> items, int itemChars, int blockChars) {
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (String raw : items) {
            String item = BoundedText.head(clean(raw), itemChars);
            if (used + item.length() + 1 > blockChars) {
                break;
            }
            kept.add(item);
            used += item.length() + 1;
        }
        return kept;
    }

    /** The text without invisible characters and with nothing that could end a fence, a block or a turn. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String visible = INVISIBLE.matcher(LINE_BREAKS.matcher(ANSI.matcher(text).replaceAll(""))
                .replaceAll("\n").replace('\t', ' ')).replaceAll("");
        String unfenced = FENCE.matcher(visible).replaceAll(run -> "'".repeat(run.group().length()));
        return TOKEN_CLOSING.matcher(TAG_OPENING.matcher(unfenced).replaceAll("‹")).replaceAll("|›");
    }
}
