package org.cgp.validator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.task.TaskType;
import org.cgp.validator.bundle.ConversationBundle;
import org.cgp.validator.bundle.TaskBundle;
import org.cgp.validator.conversation.Conversation;

/**
 * One row of {@code bundles}: a bundle's guid, task type, where it came from (the CGP API, an
 * imported file), its participants and lines (empty for a bundle that is no conversation) and the
 * whole of it as JSON.
 */
public record StoredBundle(String guid, String type, String source, List<String> participants, List<Line> lines, JsonNode json) {
    public StoredBundle {
        participants = List.copyOf(participants);
        lines = List.copyOf(lines);
    }

    /** A bundle the validator reserved, as it parsed it. */
    public static StoredBundle of(TaskBundle b, String source) {
        JsonNode json = WireJson.mapper().valueToTree(b);
        if (b instanceof ConversationBundle c) return new StoredBundle(b.guid(), b.type().wire(), source, c.participants(), c.lines(), json);
        return new StoredBundle(b.guid(), b.type().wire(), source, List.of(), List.of(), json);
    }

    /** A bundle as a file or the CGP API wrote it ({@code original}), parsed as {@code b}. */
    public static StoredBundle of(TaskBundle b, String source, JsonNode original) {
        StoredBundle parsed = of(b, source);
        return new StoredBundle(parsed.guid, parsed.type, source, parsed.participants, parsed.lines, original);
    }

    /** A conversation from a local file (facebook-chat-data JSON or CSV). */
    public static StoredBundle of(Conversation c, String source) {
        ObjectNode json = WireJson.mapper().createObjectNode();
        json.put("guid", c.guid().value());
        json.set("participants", WireJson.mapper().valueToTree(c.participants()));
        json.set("lines", WireJson.mapper().valueToTree(c.lines()));
        return new StoredBundle(c.guid().value(), TaskType.CONVERSATION_TAGGING.wire(), source,
                c.participants(), c.lines(), json);
    }
}
