package org.cgp.validator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.validator.bundle.BundleFormatException;
import org.cgp.validator.bundle.BundleParser;
import org.cgp.validator.conversation.Conversation;
import org.cgp.validator.conversation.ConversationFileException;
import org.cgp.validator.conversation.ConversationFiles;

/**
 * Reads a file for {@code ./cgp store import}, whole, before the store is touched: task bundles as
 * the CGP API's reserve hands them out (one object or a list), conversations in the
 * facebook-chat-data JSON, the {@code id,Persona,chat} CSV, WebVTT or SRT captions, a diarised
 * transcript or a Discord channel export ({@link ConversationFiles}), or the
 * JSON Lines {@code ./cgp store export} writes ({@code c_guid}, {@code transcript}, {@code participants}),
 * so an export can be imported again. Anything that cannot be used is a
 * {@link ConversationFileException} naming the file and, for a bundle, which one.
 */
public final class StoreImport {
    private StoreImport() {}

    public static List<StoredBundle> read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        String source = "import " + (file.getFileName() == null ? file : file.getFileName());
        String raw = ConversationFiles.readText(file);
        if (name.endsWith(".jsonl")) return fromJsonLines(file, raw, source);
        String text = raw.strip();
        if (name.endsWith(".csv") || (!text.startsWith("{") && !text.startsWith("["))) return conversations(file, raw, source);
        JsonNode root = ConversationFiles.readJson(file, text);
        if (isBundle(root)) return List.of(bundle(file, root, 0, source));
        if (root.isArray() && root.size() > 0 && isBundle(root.get(0))) {
            List<StoredBundle> out = new ArrayList<>(root.size());
            for (int i = 0; i < root.size(); i++) out.add(bundle(file, root.get(i), i, source));
            return out;
        }
        return conversations(file, raw, source);
    }

    private static boolean isBundle(JsonNode n) {
        return n != null && n.isObject() && n.has("type") && n.has("input");
    }

    private static StoredBundle bundle(Path file, JsonNode n, int index, String source) {
        try {
            return StoredBundle.of(BundleParser.parse(n), source, n);
        } catch (BundleFormatException e) {
            throw new ConversationFileException(file, "bundle " + index + " cannot be used: " + e.getMessage());
        }
    }

    private static List<StoredBundle> conversations(Path file, String text, String source) {
        return ConversationFiles.parse(file, text).stream().map(c -> StoredBundle.of(c, source)).toList();
    }

    private static List<StoredBundle> fromJsonLines(Path file, String text, String source) {
        List<StoredBundle> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            JsonNode row;
            try {
                row = WireJson.mapper().readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw new ConversationFileException(file, "line " + (i + 1) + " is not valid JSON (" + e.getOriginalMessage() + ")");
            }
            String guid = row.path("c_guid").asText("");
            JsonNode transcript = row.path("transcript");
            if (guid.isBlank() || !transcript.isArray()) {
                throw new ConversationFileException(file, "line " + (i + 1) + " has no c_guid and transcript");
            }
            List<String> participants = new ArrayList<>();
            row.path("participants").forEach(p -> participants.add(p.asText()));
            List<Line> convo = new ArrayList<>();
            for (JsonNode u : transcript) {
                int speaker = u.has("speaker_idx") ? u.path("speaker_idx").asInt(-1) : participants.indexOf(u.path("speaker").asText());
                if (speaker < 0) {
                    speaker = participants.size();
                    participants.add(u.path("speaker").asText("SPEAKER_" + speaker));
                }
                convo.add(new Line(speaker, u.path("text").asText("")));
            }
            if (convo.isEmpty()) throw new ConversationFileException(file, "line " + (i + 1) + " has an empty transcript");
            out.add(StoredBundle.of(new Conversation(Guid.of(guid), participants, convo), source));
        }
        if (out.isEmpty()) throw new ConversationFileException(file, "has no conversations");
        return out;
    }
}
