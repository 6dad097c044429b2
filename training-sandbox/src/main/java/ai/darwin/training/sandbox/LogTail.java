package ai.darwin.training.sandbox;

import ai.darwin.platform.text.BoundedText;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The end of a child's output and the text of its report, bounded to a few KB however much the child wrote: the
 * worker never trusts the child's own bounds, and what it reads goes into events, lessons and prompts.
 */
final class LogTail {

    /** At most this much of the log's end is read. */
    static final int MAX_BYTES = 64 * 1024;
    /** The output's tail in a failure. */
    static final int MAX_CHARS = 3000;
    /** A stack trace, compiler output or crash report after the output. */
    static final int MAX_DETAIL_CHARS = 3000;
    /** A failure's message. */
    static final int MAX_MESSAGE_CHARS = 2000;

    private LogTail() {
    }

    static String of(Path log, int lines) {
        if (!Files.exists(log)) {
            return "";
        }
        String text;
        try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
            long length = in.length();
            long start = Math.max(0, length - MAX_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            in.seek(start);
            in.readFully(bytes);
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
        List<String> all = text.lines().toList();
        String tail = String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        return BoundedText.tail(tail, MAX_CHARS);
    }

    /** Joins the output's tail and a stack trace, compiler output or crash report, each bounded. */
    static String withDetail(String output, String detail) {
        String boundedDetail = BoundedText.head(detail, MAX_DETAIL_CHARS);
        if (output.isBlank()) {
            return boundedDetail;
        }
        if (boundedDetail.isBlank()) {
            return output;
        }
        return output + "\n--- harness detail ---\n" + boundedDetail;
    }
}
