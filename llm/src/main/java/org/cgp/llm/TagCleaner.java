package org.cgp.llm;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The project's one tag rule: every tag a miner answers or a validator scores is in the live
 * subnet's <em>safe form</em>, and this class is the only place that makes it.
 *
 * <p>The live validators keep a miner's tag only if it already equals their safe form: they
 * replace every character outside {@code [a-zA-Z0-9]} and whitespace by a space, squeeze the
 * spaces, lower-case, keep 3 to 64 characters, cut to 50, and then keep only tags that come back
 * unchanged. A tag like {@code e-commerce}, {@code Guitar} or {@code café} is silently dropped.
 * So we emit exactly that form, and a bit better:
 * <ol>
 *   <li>NFKC first (full-width letters and ligatures become plain ones), then accents are
 *       transliterated ({@code café -> cafe}, {@code Fußball -> fussball}) where the live code
 *       would cut them out ({@code caf});</li>
 *   <li>an apostrophe inside a word goes ({@code women's -> womens}); every other character that
 *       is not {@code a-z} or {@code 0-9} becomes a space; runs of spaces
 *       become one; the ends are trimmed; all lower case;</li>
 *   <li>3 to {@value #MAX_LENGTH} characters, at least one letter;</li>
 *   <li>our own refusals on the raw text: control or format characters, URLs and e-mail
 *       addresses, markup debris ({@code <p0>}, {@code {"tags": ..}}), prompt-injection-like
 *       strings;</li>
 *   <li>duplicates after all of that dropped, first seen wins.</li>
 * </ol>
 * The result is a fixed point of the live rule, so the live filter keeps every tag we return.
 */
public final class TagCleaner {
    /** Shortest tag kept, in characters. */
    public static final int MIN_LENGTH = 3;
    /** Longest tag kept: the live validators cut at 50, so a longer tag never survives. */
    public static final int MAX_LENGTH = 50;
    /** At most this many tags are answered and scored. */
    public static final int MAX_TAGS = 20;

    private static final Pattern NOT_SAFE = Pattern.compile("[^a-z0-9]+");
    /** An apostrophe inside a word goes without a gap: {@code women's -> womens}, {@code don't -> dont}. */
    private static final Pattern INNER_APOSTROPHE = Pattern.compile("(?<=\\p{L})['’](?=\\p{L})");
    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
    /** Letters that NFKD does not split into a base letter and an accent. */
    private static final Map<Character, String> LETTERS = Map.ofEntries(
            Map.entry('ß', "ss"), Map.entry('æ', "ae"), Map.entry('œ', "oe"), Map.entry('ø', "o"),
            Map.entry('ł', "l"), Map.entry('đ', "d"), Map.entry('ð', "d"), Map.entry('þ', "th"),
            Map.entry('ı', "i"), Map.entry('ħ', "h"), Map.entry('ŧ', "t"));
    private static final Pattern URL = Pattern.compile(
            "([a-z][a-z0-9+.-]*://)|(^|\\s)www\\.|mailto:|\\S@\\S+\\.\\S"
                    + "|\\S\\.(com|net|org|io|ai|xyz|ru|cn|info|biz|co|gov|edu|me|ly|gg|app|dev)(/|\\s|$)");
    private static final List<Pattern> INJECTION = List.of(
            Pattern.compile("\\b(ignore|disregard|forget|override|bypass)\\b.*\\b(previous|prior|above|earlier|all|any|the|your|these|those|system)\\b.*\\b(instructions?|prompts?|rules?|directions?|messages?|context)\\b"),
            Pattern.compile("\\b(system|developer|hidden)\\s+(prompt|message|instructions?)\\b"),
            Pattern.compile("\\byou\\s+are\\s+now\\b"),
            Pattern.compile("\\b(act|behave|respond)\\s+as\\b"),
            Pattern.compile("\\bnew\\s+instructions?\\b"),
            Pattern.compile("\\b(jailbreak|prompt\\s*injection|do\\s+anything\\s+now)\\b"),
            Pattern.compile("\\b(score|rate|grade)\\s+(me|this|this\\s+miner|miner)\\b.*\\b(high|highest|max|maximum|1\\.0|100)"),
            Pattern.compile("\\b(assistant|system|user)\\s*:"),
            Pattern.compile("<\\|[a-z_]+\\|>|\\[/?inst]|<</?sys>>"));
    private static final Set<Character> MARKUP = Set.of('<', '>', '{', '}', '[', ']', '|', '\\', '`');
    /** Raw text longer than this is not a tag; refused before any regex runs over it. */
    private static final int MAX_RAW_LENGTH = 1000;

    private TagCleaner() {}

    /** Tags in safe form, de-duplicated in first-seen order; refused ones are dropped. Null-safe. */
    public static List<String> clean(Collection<String> rawTags) {
        return clean(rawTags, Integer.MAX_VALUE);
    }

    /** {@link #clean(Collection)}, stopping after the first {@code limit} tags. */
    public static List<String> clean(Collection<String> rawTags, int limit) {
        if (rawTags == null || rawTags.isEmpty() || limit <= 0) return List.of();
        Set<String> kept = new LinkedHashSet<>();
        for (String raw : rawTags) {
            cleanOne(raw).ifPresent(kept::add);
            if (kept.size() == limit) break;
        }
        return List.copyOf(kept);
    }

    /** One tag in safe form, or empty when it is refused. */
    public static Optional<String> cleanOne(String raw) {
        if (raw == null || raw.length() > MAX_RAW_LENGTH) return Optional.empty();
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        if (hasControlOrFormatChar(s)) return Optional.empty();
        s = s.toLowerCase(Locale.ROOT);
        for (int i = 0; i < s.length(); i++) { // markup and template debris: <p0>, {"tags": ...}, a | b
            if (MARKUP.contains(s.charAt(i))) return Optional.empty();
        }
        if (URL.matcher(s).find()) return Optional.empty();
        for (Pattern p : INJECTION) {
            if (p.matcher(s).find()) return Optional.empty();
        }
        s = INNER_APOSTROPHE.matcher(s).replaceAll("");
        s = NOT_SAFE.matcher(transliterate(s)).replaceAll(" ").strip();
        if (s.length() < MIN_LENGTH || s.length() > MAX_LENGTH) return Optional.empty();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') return Optional.of(s);
        }
        return Optional.empty();
    }

    /** Whether {@code tag} is already in safe form (what the live tag filter leaves unchanged). */
    public static boolean isSafe(String tag) {
        return tag != null && cleanOne(tag).map(tag::equals).orElse(false);
    }

    /** Accented Latin letters to their base letters: {@code é -> e}, {@code ß -> ss}. */
    static String transliterate(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) ascii = s.charAt(i) < 0x80;
        if (ascii) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String mapped = LETTERS.get(c);
            if (mapped != null) sb.append(mapped); else sb.append(c);
        }
        return COMBINING.matcher(Normalizer.normalize(sb, Normalizer.Form.NFKD)).replaceAll("");
    }

    private static boolean hasControlOrFormatChar(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t' || cp == '\n' || cp == '\r') continue; // whitespace: becomes a space
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED || type == Character.SURROGATE) {
                return true;
            }
        }
        return false;
    }
}
