package org.cgp.validator.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.WireJson;

/**
 * Reads local conversations: JSON in the facebook-chat-data shape (an object keyed by
 * id, or a list, or one conversation as the CGP API returns it), CSV with the header
 * {@code id,Persona,chat} (one utterance per line of the chat field, speakers alternate 0/1),
 * captions (WebVTT, SRT: {@link Captions}), a diarised transcript ({@link DiarisedTranscript}) or a
 * Discord channel export ({@link DiscordExport}). Every problem is a
 * {@link ConversationFileException} naming the file (and the line or item, where there is one).
 */
public final class ConversationFiles {
    /** The sample conversations shipped in this module. */
    public static final String SAMPLES_RESOURCE = "/org/cgp/validator/sample-conversations.json";

    private ConversationFiles() {}

    public static List<Conversation> load(Path file) {
        return parse(file, readText(file));
    }

    /** The whole of {@code file} as UTF-8 text; a missing, unreadable or non-UTF-8 file is one line naming it. */
    public static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConversationFileException(file, "not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConversationFileException(file, "is not UTF-8 text");
        } catch (IOException e) {
            throw new ConversationFileException(file, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** {@code text} of {@code file} as JSON; invalid JSON is one line naming the file, the problem and its line. */
    public static JsonNode readJson(Path file, String text) {
        try {
            return WireJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConversationFileException(file, "is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        }
    }

    /** The conversations bundled as {@link #SAMPLES_RESOURCE}. */
    public static List<Conversation> samples() {
        try (InputStream in = ConversationFiles.class.getResourceAsStream(SAMPLES_RESOURCE)) {
            if (in == null) throw new IllegalStateException("sample conversations missing from the classpath: " + SAMPLES_RESOURCE);
            return parse(Path.of("classpath:" + SAMPLES_RESOURCE), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled sample conversations", e);
        }
    }

    /** The conversations in {@code text}, read from {@code file} (whose name tells CSV from JSON). */
    public static List<Conversation> parse(Path file, String text) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        String trimmed = text.strip();
        if (trimmed.isEmpty()) throw new ConversationFileException(file, "is empty");
        List<Conversation> out;
        if (Captions.isSrt(file)) {
            out = Captions.srt(file, text);
        } else if (Captions.isWebVtt(file, text)) {
            out = Captions.webVtt(file, text);
        } else if (name.endsWith(".csv")) {
            out = fromCsv(file, text);
        } else if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            out = fromJson(file, trimmed);
        } else if (trimmed.toLowerCase(Locale.ROOT).startsWith("id,")) {
            out = fromCsv(file, text);
        } else {
            throw new ConversationFileException(file, "is neither JSON, CSV nor captions (expected a JSON object/list, a CSV with header"
                    + " id,Persona,chat, a .vtt or a .srt file)");
        }
        List<Conversation> usable = out.stream().filter(c -> !c.lines().isEmpty()).toList();
        if (usable.isEmpty()) throw new ConversationFileException(file, "has no conversation lines");
        return usable;
    }

    private static List<Conversation> fromJson(Path file, String text) {
        JsonNode root = readJson(file, text);
        if (DiscordExport.matches(root)) return DiscordExport.read(file, root);
        if (DiarisedTranscript.matches(root)) return DiarisedTranscript.read(file, root, text);
        List<Conversation> out = new ArrayList<>();
        if (root.isArray()) {
            int i = 0;
            for (JsonNode c : root) out.add(conversation(file, c, String.valueOf(i++)));
        } else if (root.has("lines")) {
            out.add(conversation(file, root, "0"));
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(conversation(file, e.getValue(), e.getKey()));
            }
        }
        return out;
    }

    private static Conversation conversation(Path file, JsonNode c, String key) {
        if (!c.isObject()) throw new ConversationFileException(file, "conversation '" + key + "' is not an object");
        JsonNode lines = c.path("lines");
        if (!lines.isArray()) throw new ConversationFileException(file, "conversation '" + key + "' has no 'lines' list");
        List<Line> out = new ArrayList<>(lines.size());
        int i = 0;
        for (JsonNode l : lines) {
            if (!l.isArray() || l.size() < 2 || !l.get(0).canConvertToInt() || l.get(0).asInt() < 0) {
                throw new ConversationFileException(file, "conversation '" + key + "' line " + i + " is not [speaker_idx, text]");
            }
            out.add(new Line(l.get(0).asInt(), l.get(1).isNull() ? "" : l.get(1).asText()));
            i++;
        }
        JsonNode g = c.get("guid");
        Guid guid = g == null || g.isNull() || g.asText().isBlank() ? Guid.of(c.path("id").asText(key)) : Guid.of(g.asText());
        return new Conversation(guid, participants(c), out);
    }

    private static List<String> participants(JsonNode c) {
        List<String> names = new ArrayList<>();
        JsonNode list = c.path("participants");
        if (list.isArray()) {
            for (JsonNode p : list) names.add(p.asText().replace("\"", ""));
            return names;
        }
        JsonNode dict = c.path("participant");
        if (dict.isObject()) {
            Map<Integer, String> byIdx = new TreeMap<>();
            dict.fields().forEachRemaining(e -> byIdx.put(e.getValue().path("idx").asInt(safeInt(e.getKey())),
                    e.getValue().path("title").asText("p" + e.getKey())));
            names.addAll(byIdx.values());
        }
        return names;
    }

    private static int safeInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static List<Conversation> fromCsv(Path file, String text) {
        List<List<String>> rows = Csv.parse(text);
        if (rows.isEmpty()) throw new ConversationFileException(file, "is empty");
        List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int id = header.indexOf("id");
        int chat = header.indexOf("chat");
        if (id < 0 || chat < 0) {
            throw new ConversationFileException(file, "CSV header must have columns id and chat (id,Persona,chat), got " + rows.get(0));
        }
        List<Conversation> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) continue;
            if (row.size() <= Math.max(id, chat)) {
                throw new ConversationFileException(file, "CSV row " + r + " has " + row.size() + " columns, expected " + header.size());
            }
            List<Line> lines = new ArrayList<>();
            for (String utterance : row.get(chat).split("\\R")) {
                if (!utterance.isBlank()) lines.add(new Line(lines.size() % 2, utterance.strip()));
            }
            String guid = row.get(id).strip();
            out.add(new Conversation(Guid.of(guid.isEmpty() ? String.valueOf(r - 1) : guid), null, lines));
        }
        return out;
    }
}
