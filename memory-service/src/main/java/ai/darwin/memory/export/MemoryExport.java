package ai.darwin.memory.export;

import ai.darwin.events.EventCodec;
import ai.darwin.memory.query.MemoryQueries;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bson.Document;

/**
 * A run's memory as JSON files in DARWIN's layout: {@code changes/NNNN-<variant>.json}, one record per proposed
 * program with its edit, rationale, previous state and outcome, and {@code run.json} with the run itself.
 */
@ApplicationScoped
public class MemoryExport {

    static final ObjectMapper JSON = EventCodec.mapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final MemoryQueries queries;

    MemoryExport(MemoryQueries queries) {
        this.queries = queries;
    }

    /** Every proposed program of the run, in the order they were proposed. */
    public List<ChangeRecord> changes(String runId) {
        List<ChangeRecord> changes = new ArrayList<>();
        for (Document variant : queries.variants(runId, null)) {
            if (variant.get("proposal") == null) {
                continue;
            }
            List<String> parents = variant.getList("parentVariantIds", String.class, List.of());
            String parentId = parents.isEmpty() ? null : parents.get(0);
            Document parent = parentId == null ? null : queries.variant(parentId).orElse(null);
            changes.add(ChangeRecord.of(variant, parent, parentId));
        }
        return changes;
    }

    public byte[] zip(String runId, Document run) {
        List<ChangeRecord> changes = changes(runId);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("run.json"));
            zip.write(JSON.writeValueAsBytes(JSON.readTree(run.toJson())));
            zip.closeEntry();
            for (int i = 0; i < changes.size(); i++) {
                zip.putNextEntry(new ZipEntry(String.format("changes/%04d-%s.json", i + 1, changes.get(i).variantId())));
                zip.write(JSON.writeValueAsBytes(changes.get(i)));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
