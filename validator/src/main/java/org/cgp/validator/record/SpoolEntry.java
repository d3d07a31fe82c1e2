package org.cgp.validator.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.WireJson;

/**
 * What a spool keeps for one write: a JSON object with its {@code kind} and what the write needs.
 * The one shape of a record entry, {@code {"kind": "record", "guid": bundle guid, "payload": the
 * record}}, is made here for both the CGP API recorder and the store, so a record spooled by one
 * reads back the same in the other.
 */
public final class SpoolEntry {
    public static final String RECORD = "record";

    private SpoolEntry() {}

    /** The entry of one record for bundle {@code guid}. */
    public static ObjectNode record(Guid guid, RecordPayload payload) {
        return of(RECORD).put("guid", guid.value()).set("payload", WireJson.mapper().valueToTree(payload));
    }

    /** An entry of {@code kind} holding {@code value} under {@code field}. */
    public static ObjectNode of(String kind, String field, Object value) {
        return of(kind).set(field, WireJson.mapper().valueToTree(value));
    }

    private static ObjectNode of(String kind) {
        ObjectNode entry = WireJson.mapper().createObjectNode();
        entry.put("kind", kind);
        return entry;
    }

    /** The entry's kind ("" when it has none: a record spooled by a version before kinds). */
    public static String kind(JsonNode entry) { return entry.path("kind").asText(""); }
}
