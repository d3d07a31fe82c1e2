package org.cgp.validator.conversation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;

/**
 * Caption files as a conversation: WebVTT (what YouTube serves) and SRT. Each cue's text, its markup
 * removed, is said by a speaker found in the cue: a WebVTT voice tag ({@code <v Ann>}), a leading
 * name ({@code ANN: }, {@code Ann Lee: }, {@code SPEAKER_01: }, {@code [Ann]}), or, in YouTube's
 * captions, {@code >>} for "the other speaker now" (unnamed speakers are Speaker 1, Speaker 2). With
 * no speaker in a file, one Speaker 1 says everything. Consecutive cues of one speaker join into
 * one line until a sentence ends, and a cue that repeats the line before (YouTube's rolling
 * captions) is dropped. The guid is derived from the file's bytes, so importing a file twice stores
 * it once. A file that is not one of these is one {@link ConversationFileException} naming the file
 * and the line.
 */
final class Captions {
    /** A line grows from cues of one speaker up to about this many characters, or a sentence's end. */
    static final int MAX_LINE_CHARS = 400;
    private static final Pattern VTT_TIME = Pattern.compile("^((?:\\d+:)?\\d{2}:\\d{2}\\.\\d{3})\\s+-->\\s+((?:\\d+:)?\\d{2}:\\d{2}\\.\\d{3})(\\s.*)?$");
    private static final Pattern SRT_TIME = Pattern.compile("^(\\d{1,2}:\\d{2}:\\d{2}[,.]\\d{1,3})\\s+-->\\s+(\\d{1,2}:\\d{2}:\\d{2}[,.]\\d{1,3})(\\s.*)?$");
    private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^ >]*)?\\s+([^>]+)>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern NAMED = Pattern.compile("^(?:-\\s*)?(?:\\[([^\\]]{1,40})\\]|([A-Z][\\p{L}'.-]*(?: [A-Z][\\p{L}'.-]*){0,2}|SPEAKER_\\d+|[A-Z]{2,}(?: [A-Z]{2,}){0,2})):\\s+(.*)$");
    private static final Pattern YOUTUBE_TURN = Pattern.compile("^\\s*>>\\s*");

    private Captions() {}

    static boolean isWebVtt(Path file, String text) {
        return name(file).endsWith(".vtt") || stripBom(text).startsWith("WEBVTT");
    }

    static boolean isSrt(Path file) { return name(file).endsWith(".srt"); }

    /** A line meant as a timing, however malformed (an identifier has no arrow and does not start with a time). */
    private static boolean looksLikeTiming(String line) {
        return line.contains("->") || line.matches("^\\s*\\d+:\\d{2}.*");
    }

    /** A WebVTT file: the {@code WEBVTT} header, then cues; NOTE, STYLE and REGION blocks are skipped. */
    static List<Conversation> webVtt(Path file, String text) {
        String[] lines = stripBom(text).split("\\R", -1);
        if (!lines[0].startsWith("WEBVTT")) throw new ConversationFileException(file, "line 1: a WebVTT file starts with WEBVTT, got '" + cut(lines[0]) + "'");
        Speakers speakers = new Speakers();
        int i = 1;
        while (i < lines.length && !lines[i].isEmpty()) i++; // header metadata (Kind:, Language:) runs to the first blank line
        while (i < lines.length) {
            if (lines[i].isBlank()) { i++; continue; }
            String first = lines[i];
            if (first.startsWith("NOTE") || first.startsWith("STYLE") || first.startsWith("REGION")) {
                while (i < lines.length && !lines[i].isEmpty()) i++;
                continue;
            }
            if (!VTT_TIME.matcher(first).matches() && !looksLikeTiming(first)) i++; // a cue identifier
            if (i >= lines.length || !VTT_TIME.matcher(lines[i]).matches()) {
                int bad = Math.min(i, lines.length - 1);
                throw new ConversationFileException(file, "line " + (bad + 1) + ": expected a cue timing 'HH:MM:SS.mmm --> HH:MM:SS.mmm', got '"
                        + cut(lines[bad]) + "'");
            }
            i = cue(lines, i + 1, false, speakers); // a cue ends at an empty line (YouTube's hold a line of one space)
        }
        return speakers.conversation(file, text);
    }

    /** An SRT file: numbered blocks of a timing line and text. */
    static List<Conversation> srt(Path file, String text) {
        String[] lines = stripBom(text).split("\\R", -1);
        Speakers speakers = new Speakers();
        int i = 0;
        while (i < lines.length) {
            if (lines[i].isBlank()) { i++; continue; }
            if (!lines[i].strip().matches("\\d+")) {
                throw new ConversationFileException(file, "line " + (i + 1) + ": expected a cue number, got '" + cut(lines[i]) + "'");
            }
            i++;
            if (i >= lines.length || !SRT_TIME.matcher(lines[i].strip()).matches()) {
                throw new ConversationFileException(file, "line " + Math.min(i + 1, lines.length)
                        + ": expected a timing 'HH:MM:SS,mmm --> HH:MM:SS,mmm', got '" + cut(i < lines.length ? lines[i] : "") + "'");
            }
            i = cue(lines, i + 1, true, speakers);
        }
        return speakers.conversation(file, text);
    }

    /**
     * Hands the cue text from line {@code from} to {@code speakers}, up to an empty line (or a blank
     * one, when {@code blankEnds}); returns the line after it.
     */
    private static int cue(String[] lines, int from, boolean blankEnds, Speakers speakers) {
        int i = from;
        StringBuilder text = new StringBuilder();
        while (i < lines.length && !(blankEnds ? lines[i].isBlank() : lines[i].isEmpty())) {
            if (text.length() > 0) text.append('\n');
            text.append(lines[i++]);
        }
        speakers.cue(text.toString());
        return i;
    }

    /** Who says what, cue by cue, joined into lines. */
    private static final class Speakers {
        private final List<String> names = new ArrayList<>();
        private final List<Line> lines = new ArrayList<>();
        private int current = -1;
        private String last = "";

        void cue(String raw) {
            for (String part : raw.split("\n")) {
                String text = part;
                Matcher v = VOICE.matcher(text);
                int speaker = -1;
                if (v.find()) speaker = speaker(v.group(1).strip());
                text = TAG.matcher(text).replaceAll("").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&nbsp;", " ").strip();
                if (text.isEmpty()) continue;
                Matcher turn = YOUTUBE_TURN.matcher(text);
                if (turn.find()) {
                    text = text.substring(turn.end());
                    if (speaker < 0) speaker = nextUnnamed();
                }
                Matcher named = NAMED.matcher(text);
                if (speaker < 0 && named.matches()) {
                    speaker = speaker((named.group(1) != null ? named.group(1) : named.group(2)).strip());
                    text = named.group(3).strip();
                }
                if (speaker < 0) speaker = current >= 0 ? current : speaker("Speaker 1");
                if (text.isEmpty() || text.equals(last)) continue; // rolling captions repeat the line before
                say(speaker, text);
            }
        }

        /** {@code >>} hands the word to the other unnamed speaker: two take turns (a third is never implied). */
        private int nextUnnamed() {
            String now = current >= 0 ? names.get(current) : "";
            return speaker(now.equals("Speaker 1") ? "Speaker 2" : "Speaker 1");
        }

        private int speaker(String name) {
            int i = names.indexOf(name);
            if (i >= 0) return i;
            names.add(name);
            return names.size() - 1;
        }

        private void say(int speaker, String text) {
            int n = lines.size();
            Line prev = n == 0 ? null : lines.get(n - 1);
            boolean ended = prev == null || prev.text().matches(".*[.?!…\"”]$") || prev.text().length() >= MAX_LINE_CHARS;
            if (prev != null && prev.speaker() == speaker && !ended) {
                lines.set(n - 1, new Line(speaker, prev.text() + " " + text));
            } else {
                lines.add(new Line(speaker, text));
            }
            current = speaker;
            last = text;
        }

        List<Conversation> conversation(Path file, String text) {
            if (lines.isEmpty()) throw new ConversationFileException(file, "has no caption text");
            Guid guid = Guid.of(UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString());
            return List.of(new Conversation(guid, names, lines));
        }
    }

    private static String name(Path file) {
        return file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String stripBom(String s) { return s.startsWith("\uFEFF") ? s.substring(1) : s; }

    private static String cut(String s) { return s.length() <= 60 ? s : s.substring(0, 60) + "..."; }
}
