package org.cgp.validator.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;

/**
 * A Discord channel exported as JSON by the common exporter (DiscordChatExporter:
 * {@code {"guild": {...}, "channel": {"id", "name", ...}, "messages": [{"id", "type", "content",
 * "author": {"id", "name", "nickname"}}]}}): one conversation per channel, its guid the channel's id,
 * its participants the authors (by nickname, else name) in the order they first write. Messages
 * that are not words (joins, pins, calls; an attachment or sticker alone) are left out. A message
 * without an author is one {@link ConversationFileException} naming the file and the message.
 */
final class DiscordExport {
    /** The message types that carry what someone wrote. */
    private static final Set<String> SAID = Set.of("Default", "Reply", "ThreadStarterMessage");

    private DiscordExport() {}

    static boolean matches(JsonNode root) {
        return root.isObject() && root.path("messages").isArray() && root.path("channel").isObject();
    }

    static List<Conversation> read(Path file, JsonNode root) {
        JsonNode channel = root.path("channel");
        String id = channel.path("id").asText("").strip();
        if (id.isEmpty()) throw new ConversationFileException(file, "the channel has no id");
        Map<String, Integer> authors = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        JsonNode messages = root.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) throw new ConversationFileException(file, "message " + i + " is not an object");
            if (!SAID.contains(m.path("type").asText("Default"))) continue;
            String content = m.path("content").asText("").strip();
            if (content.isEmpty()) continue;
            JsonNode author = m.path("author");
            String authorId = author.path("id").asText("").strip();
            if (authorId.isEmpty()) throw new ConversationFileException(file, "message " + i + " (" + m.path("id").asText("?") + ") has no author");
            Integer speaker = authors.get(authorId);
            if (speaker == null) {
                String nick = author.path("nickname").asText("").strip();
                names.add(!nick.isEmpty() ? nick : author.path("name").asText("user " + authorId));
                speaker = names.size() - 1;
                authors.put(authorId, speaker);
            }
            lines.add(new Line(speaker, content));
        }
        if (lines.isEmpty()) throw new ConversationFileException(file, "channel " + id + " has no written messages");
        return List.of(new Conversation(Guid.of("discord-" + id), names, lines));
    }
}
