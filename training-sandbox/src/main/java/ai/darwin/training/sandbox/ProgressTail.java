package ai.darwin.training.sandbox;

import ai.darwin.training.harness.ProgressPoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Follows the progress file a child appends to, handing on each complete line as it appears. */
final class ProgressTail {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A line longer than this is not the harness's and is skipped. */
    private static final int MAX_LINE = 4096;

    private final Path file;
    private long position;
    private final StringBuilder partial = new StringBuilder();

    ProgressTail(Path file) {
        this.file = file;
    }

    /** Reads what was appended since the last call; informational, so nothing here fails the run. */
    void poll(Consumer<ProgressPoint> listener) {
        if (!Files.exists(file)) {
            return;
        }
        byte[] appended;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= position) {
                return;
            }
            appended = new byte[(int) Math.min(length - position, 1 << 20)];
            in.seek(position);
            in.readFully(appended);
            position += appended.length;
        } catch (IOException e) {
            return;
        }
        partial.append(new String(appended, StandardCharsets.UTF_8));
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, newline);
            partial.delete(0, newline + 1);
            ProgressPoint point = parse(line);
            if (point != null) {
                try {
                    listener.accept(point);
                } catch (RuntimeException e) {
                    // the listener publishes progress: its failure must not end the run
                }
            }
        }
        if (partial.length() > MAX_LINE) {
            partial.setLength(0);
        }
    }

    static ProgressPoint parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode loss = node.path("trainLoss");
            return new ProgressPoint(node.path("step").asLong(), node.path("tokens").asLong(),
                    node.path("seconds").asDouble(), loss.isNumber() ? loss.asDouble() : Double.NaN);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
