package ai.darwin.hitl.store;

import ai.darwin.events.EventCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** Contract values to and from BSON documents, through the contract's JSON encoding. */
public final class Documents {

    private static final ObjectMapper JSON = EventCodec.mapper();

    private Documents() {
    }

    /** A contract record (a config, statistics, a verification report) as a document. */
    public static Document of(Object value) {
        try {
            return Document.parse(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** A document written by {@link #of} read back as its record, or null. */
    public static <T> T read(Document document, Class<T> type) {
        return document == null ? null : JSON.convertValue(document, type);
    }

    public static Double number(Document document, String field) {
        Object value = document == null ? null : document.get(field);
        return value instanceof Number number ? number.doubleValue() : null;
    }

    public static Long whole(Document document, String field) {
        Object value = document == null ? null : document.get(field);
        return value instanceof Number number ? number.longValue() : null;
    }

    public static Instant instant(Document document, String field) {
        Date date = document == null ? null : document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    public static Date date(Instant instant) {
        return Date.from(instant);
    }

    /**
     * Whether a write failed only because a conditional upsert found its document in a state it must not change
     * (the filter missed, so the upsert tried to insert an id that exists).
     */
    public static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
