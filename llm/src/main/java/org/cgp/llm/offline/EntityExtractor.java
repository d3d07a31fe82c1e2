package org.cgp.llm.offline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named entities without a model: runs of capitalised words ({@code Mayor Adams}, {@code NYC}),
 * with connectors inside ({@code Department of Transportation}) and numbers after them
 * ({@code Local Law 55}), plus amounts of money ({@code $2.5 million}). Timestamps and speaker
 * labels are skipped; a lone sentence-initial stop word ("The", "We") is not an entity; a
 * one-word entity that is part of a longer one ("Adams" in "Mayor Adams") joins it. Entities are
 * ranked by how often they occur (the first text counts double) and then by first appearance.
 * Pure and thread-safe.
 */
final class EntityExtractor {
    /** Characters of one text read at most. */
    static final int MAX_TEXT_CHARS = 20_000;
    static final int MAX_WORDS = 6;

    private static final Pattern TIMESTAMP = Pattern.compile("\\[?\\b\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?\\]?");
    private static final Pattern SPEAKER_LABEL = Pattern.compile("(?m)^\\s*(?:speaker\\s*\\d+|[A-Z][A-Z .'-]{1,30})\\s*:");
    private static final Pattern MONEY = Pattern.compile(
            "(?i)(?:\\$|usd\\s?|€|£)\\s?\\d[\\d,]*(?:\\.\\d+)?(?:\\s?(?:million|billion|trillion|thousand|bn|m|k)\\b)?"
                    + "|\\b\\d[\\d,]*(?:\\.\\d+)?\\s?(?:million|billion|trillion)\\s(?:dollars|euros|pounds)\\b");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}][\\p{L}\\p{M}'’&-]*|\\d[\\d,]*(?:\\.\\d+)?|\\n|\\S");
    /** Words that join capitalised words into one name ("Bank of America", "Procter & Gamble"); "the" only after "of". */
    private static final Set<String> CONNECTORS = Set.of("of", "and", "de", "du", "la", "von", "van", "del", "da", "&");
    /** Words that open a span without being part of the name ("The City Council", "Our Mayor"). */
    private static final Set<String> LEADING = Set.of("the", "a", "an", "this", "that", "these", "those", "our", "my", "your",
            "his", "her", "their", "its", "we", "i", "you", "they", "he", "she", "it", "and", "but", "or", "so", "if", "when");
    /** Titles whose full stop does not end a sentence or an entity ("Dr. Hannah Okafor"). */
    private static final Set<String> TITLES = Set.of("dr", "mr", "mrs", "ms", "st", "jr", "sr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "hon");
    /** Dates are not entities of the kinds asked for. */
    private static final Set<String> CALENDAR = Set.of("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    private static final Set<String> SENTENCE_END = Set.of(".", "!", "?", ":", ";", "\n");

    private EntityExtractor() {}

    record Entity(String text, int count, int firstSeen) {}

    /** The entities of {@code texts}, best first, at most {@code limit}. */
    static List<Entity> extract(List<String> texts, int limit) {
        Map<String, int[]> stats = new LinkedHashMap<>(); // lower-case key -> {count, firstSeen}
        Map<String, String> surface = new LinkedHashMap<>();
        int order = 0;
        for (int t = 0; t < texts.size(); t++) {
            String text = texts.get(t);
            if (text == null || text.isBlank()) continue;
            int weight = t == 0 ? 2 : 1;
            String s = text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
            s = SPEAKER_LABEL.matcher(TIMESTAMP.matcher(s).replaceAll(" ")).replaceAll(" ");
            Matcher money = MONEY.matcher(s);
            StringBuilder rest = new StringBuilder();
            while (money.find()) {
                order = add(stats, surface, spokenMoney(money.group()), weight, order);
                money.appendReplacement(rest, " , ");
            }
            money.appendTail(rest);
            for (String span : spans(rest.toString())) order = add(stats, surface, span, weight, order);
        }
        mergeContained(stats, surface);
        List<Entity> out = new ArrayList<>();
        stats.forEach((key, st) -> out.add(new Entity(surface.get(key), st[0], st[1])));
        out.sort((a, b) -> a.count != b.count ? Integer.compare(b.count, a.count) : Integer.compare(a.firstSeen, b.firstSeen));
        return out.size() <= limit ? out : new ArrayList<>(out.subList(0, limit));
    }

    /** Runs of capitalised words, with connectors and numbers inside, in one text. */
    static List<String> spans(String text) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        boolean sentenceStart = true;
        boolean runAtStart = false;
        Matcher m = TOKEN.matcher(text);
        String previous = "";
        while (m.find()) {
            String tok = m.group();
            if (tok.equals(".") && !run.isEmpty() && TITLES.contains(previous.toLowerCase(Locale.ROOT))) {
                previous = tok;
                continue; // "Dr." inside a name
            }
            previous = tok;
            boolean word = Character.isLetter(tok.charAt(0));
            boolean number = Character.isDigit(tok.charAt(0));
            if (word && Character.isUpperCase(tok.charAt(0)) && run.size() < MAX_WORDS) {
                if (run.isEmpty()) runAtStart = sentenceStart;
                run.add(tok);
            } else if (!run.isEmpty() && run.size() < MAX_WORDS
                    && ((word && (CONNECTORS.contains(tok.toLowerCase(Locale.ROOT))
                            || (tok.equalsIgnoreCase("the") && run.get(run.size() - 1).equalsIgnoreCase("of")))) || number || tok.equals("&"))) {
                run.add(tok);
            } else {
                flush(run, runAtStart, out);
                if (word && Character.isUpperCase(tok.charAt(0))) { // a run that hit MAX_WORDS
                    runAtStart = false;
                    run.add(tok);
                }
            }
            if (word || number) sentenceStart = false;
            if (SENTENCE_END.contains(tok)) sentenceStart = true;
        }
        flush(run, runAtStart, out);
        return out;
    }

    private static void flush(List<String> run, boolean atSentenceStart, List<String> out) {
        trimEnd(run);
        String head = run.isEmpty() ? "" : run.get(0).toLowerCase(Locale.ROOT);
        if (LEADING.contains(head) || (atSentenceStart && StopWords.contains(head))) {
            run.remove(0); // "The City Council" -> "City Council"; a lone "We" is nothing
            while (!run.isEmpty() && !Character.isUpperCase(run.get(0).charAt(0))) run.remove(0);
            atSentenceStart = false;
        }
        if (!run.isEmpty() && CALENDAR.contains(run.get(0).toLowerCase(Locale.ROOT))) { // "March", "June 12"
            boolean onlyDate = true;
            for (int i = 1; i < run.size(); i++) onlyDate &= Character.isDigit(run.get(i).charAt(0));
            if (onlyDate) run.clear();
        }
        if (run.size() == 1) {
            String w = run.get(0);
            boolean acronym = w.length() >= 2 && w.equals(w.toUpperCase(Locale.ROOT));
            if (StopWords.contains(w.toLowerCase(Locale.ROOT)) || (atSentenceStart && !acronym)) run.clear();
        }
        if (!run.isEmpty()) out.add(String.join(" ", run));
        run.clear();
    }

    /** Connectors never end an entity. */
    private static void trimEnd(List<String> run) {
        while (!run.isEmpty() && (CONNECTORS.contains(run.get(run.size() - 1).toLowerCase(Locale.ROOT))
                || run.get(run.size() - 1).equalsIgnoreCase("the"))) run.remove(run.size() - 1);
    }

    /** {@code $2.5 million} -> {@code 2 point 5 million dollars}: the words survive the safe form; {@code $3,800,000} -> {@code 3800000 dollars}. */
    static String spokenMoney(String amount) {
        String a = amount.toLowerCase(Locale.ROOT).replace(",", "");
        String currency = a.contains("€") || a.contains("euro") ? "euros" : a.contains("£") || a.contains("pound") ? "pounds" : "dollars";
        a = a.replaceAll("[$€£]|usd|dollars|euros|pounds", " ").strip();
        a = a.replaceAll("(\\d)\\.(\\d)", "$1 point $2").replaceAll("\\bbn\\b", "billion").replaceAll("(\\d)\\s?m\\b", "$1 million")
                .replaceAll("(\\d)\\s?k\\b", "$1 thousand").replaceAll("(\\d)(million|billion|trillion|thousand)", "$1 $2");
        return (a.replaceAll("\\s+", " ").strip() + " " + currency);
    }

    private static int add(Map<String, int[]> stats, Map<String, String> surface, String entity, int weight, int order) {
        String key = entity.toLowerCase(Locale.ROOT);
        int[] s = stats.computeIfAbsent(key, k -> new int[] {0, Integer.MAX_VALUE});
        s[0] += weight;
        if (s[1] == Integer.MAX_VALUE) {
            s[1] = order++;
            surface.put(key, entity);
        }
        return order;
    }

    /** A one-word entity that is a word of a longer entity adds its count to the longest such entity. */
    private static void mergeContained(Map<String, int[]> stats, Map<String, String> surface) {
        List<String> keys = new ArrayList<>(stats.keySet());
        for (String k : keys) {
            if (k.contains(" ")) continue;
            String into = null;
            for (String other : keys) {
                if (other.equals(k) || !stats.containsKey(other)) continue;
                if ((" " + other + " ").contains(" " + k + " ") && (into == null || stats.get(other)[0] > stats.get(into)[0])) into = other;
            }
            if (into != null) {
                int[] from = stats.remove(k);
                surface.remove(k);
                int[] to = stats.get(into);
                to[0] += from[0];
                to[1] = Math.min(to[1], from[1]);
            }
        }
    }
}
