package org.cgp.validator.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;

/**
 * A speaker-labelled transcript as transcription tools with diarisation write it (WhisperX,
 * pyannote pipelines): {@code {"segments": [{"start", "end", "speaker": "SPEAKER_00", "text"}]}}, or
 * the list of segments alone. Speakers are the participants in the order they first speak
 * (a segment without a speaker is the previous speaker's); consecutive segments of one speaker
 * join into one line. The guid is derived from the file's bytes. A segment without text, or text
 * that is not a string, is one {@link ConversationFileException} naming the file and the segment.
 */
final class DiarisedTranscript {
    private DiarisedTranscript() {}

    /** Whether {@code root} looks like one: segments (objects) of which at least one has both a speaker and text. */
    static boolean matches(JsonNode root) {
        JsonNode segments = segments(root);
        if (segments == null) return false;
        for (JsonNode s : segments) if (s.isObject() && s.has("speaker") && s.has("text")) return true;
        return false;
    }

    private static JsonNode segments(JsonNode root) {
        JsonNode s = root.isArray() ? root : root.path("segments");
        return s.isArray() && s.size() > 0 && s.get(0).isObject() ? s : null;
    }

    static List<Conversation> read(Path file, JsonNode root, String text) {
        JsonNode segments = segments(root);
        List<String> speakers = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        int speaker = -1;
        for (int i = 0; i < segments.size(); i++) {
            JsonNode s = segments.get(i);
            if (!s.isObject()) throw new ConversationFileException(file, "segment " + i + " is not an object");
            JsonNode t = s.get("text");
            if (t == null || !t.isTextual()) throw new ConversationFileException(file, "segment " + i + " has no text");
            String said = t.asText().strip();
            String label = s.path("speaker").asText("").strip();
            if (!label.isEmpty()) {
                speaker = speakers.indexOf(label);
                if (speaker < 0) {
                    speakers.add(label);
                    speaker = speakers.size() - 1;
                }
            } else if (speaker < 0) {
                speakers.add("SPEAKER_00");
                speaker = 0;
            }
            if (said.isEmpty()) continue;
            int n = lines.size();
            if (n > 0 && lines.get(n - 1).speaker() == speaker) lines.set(n - 1, new Line(speaker, lines.get(n - 1).text() + " " + said));
            else lines.add(new Line(speaker, said));
        }
        if (lines.isEmpty()) throw new ConversationFileException(file, "has no spoken text in its segments");
        Guid guid = Guid.of(UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString());
        return List.of(new Conversation(guid, speakers, lines));
    }
}
