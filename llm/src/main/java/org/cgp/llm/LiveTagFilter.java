package org.cgp.llm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a live (Python) validator keeps of a miner's tags, reproduced rule for rule, so our miner
 * can be tested against it and our validator can judge as the live ones do. It is a different rule
 * from {@link TagCleaner} (which is what we emit): it keeps a no-break space, cuts accents out
 * ({@code café -> caf}) and allows 64 characters before cutting to 50.
 *
 * <ul>
 *   <li>{@link #safeTag}: characters other than ASCII letters, digits and whitespace, and runs of
 *       two or more whitespace characters, become one space; a whitespace character that follows
 *       another is dropped; lower case; whitespace trimmed (Python's notion of whitespace).</li>
 *   <li>{@link #cleanTagSet}: the safe tags of 3 to 64 characters, without duplicates.</li>
 *   <li>{@link #validateTagSet} (conversation, webpage, survey): clean; a random 20 when there
 *       are 20 or more; each cut to 50; one LLM call sorts them into good and malformed; the good
 *       list is cleaned again and only tags equal to one of the miner's <em>original</em> tags
 *       survive. An empty LLM answer gives null.</li>
 *   <li>{@link #validateNamedEntities}: clean, then a random 20 when there are 20 or more.</li>
 * </ul>
 */
public final class LiveTagFilter {
    /** Python's {@code \s} for str patterns: Unicode White_Space plus the four separators 0x1c-0x1f. */
    private static final String WS = "[\\s\\x1c-\\x1f]";
    private static final Pattern PASS1 = Pattern.compile(WS + "{2,}|[^a-zA-Z0-9\\s\\x1c-\\x1f]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern PASS2 = Pattern.compile("(?<=" + WS + ")" + WS + "*", Pattern.UNICODE_CHARACTER_CLASS);
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 64;
    public static final int CUT_LENGTH = 50;
    public static final int SAMPLE = 20;

    private LiveTagFilter() {}

    /** The live {@code get_safe_tag}. */
    public static String safeTag(String in) {
        String pass1 = PASS1.matcher(in).replaceAll(" ");
        String pass2 = PASS2.matcher(pass1).replaceAll("");
        return pyStrip(pass2.toLowerCase(java.util.Locale.ROOT));
    }

    /** The live {@code get_clean_tag_set}: safe tags of 3-64 characters, once each (first seen order here). */
    public static List<String> cleanTagSet(Collection<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        if (tags == null) return List.of();
        for (String t : tags) {
            if (t == null) continue;
            String safe = safeTag(t);
            if (safe.length() >= MIN_LENGTH && safe.length() <= MAX_LENGTH) out.add(safe);
        }
        return List.copyOf(out);
    }

    /**
     * The live {@code validate_tag_set}. {@code llm} gets the tags shown to the validation prompt and
     * returns the LLM's answer ("good english keywords: ...\nmalformed keywords: ..."); an empty
     * answer gives null. The tags shown are empty when nothing survives cleaning (the live code then
     * raises; callers decide what that costs).
     */
    public static List<String> validateTagSet(List<String> tags, Function<List<String>, String> llm, Random random) {
        List<String> shown = new ArrayList<>();
        for (String t : sample(cleanTagSet(tags), random)) shown.add(t.length() > CUT_LENGTH ? t.substring(0, CUT_LENGTH) : t);
        String answer = llm.apply(List.copyOf(shown));
        if (answer == null || answer.isEmpty()) return null;
        String content = answer.toLowerCase(java.util.Locale.ROOT);
        int malformed = content.indexOf("malformed");
        // Python's content[0:-1] when "malformed" is absent: the last character is lost
        String good = malformed >= 0 ? content.substring(0, malformed) : content.substring(0, Math.max(0, content.length() - 1));
        good = pyStrip(good.replace("good english keywords:", "").replace("***", "").replace("\n", ""));
        List<String> valid = cleanTagSet(List.of(good.split(",", -1)));
        List<String> out = new ArrayList<>();
        for (String v : valid) if (tags.contains(v)) out.add(v);
        return out;
    }

    /** The live {@code validate_named_entities_tag_set}: clean, then a random 20 when there are 20 or more. */
    public static List<String> validateNamedEntities(List<String> tags, Random random) {
        return sample(cleanTagSet(tags), random);
    }

    /** The validation prompt's answer from an LLM that calls every tag good, as the peers' fake LLM does. */
    public static String approveAll(List<String> shown) {
        return "Good English keywords: " + String.join(", ", shown) + "\nMalformed keywords: none";
    }

    private static List<String> sample(List<String> tags, Random random) {
        if (tags.size() < SAMPLE) return tags;
        List<String> copy = new ArrayList<>(tags);
        List<String> out = new ArrayList<>(SAMPLE);
        for (int i = 0; i < SAMPLE; i++) out.add(copy.remove(random.nextInt(copy.size())));
        return out;
    }

    /** Python's {@code str.strip()}: removes leading and trailing whitespace in Python's sense. */
    static String pyStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPySpace(s.charAt(start))) start++;
        while (end > start && isPySpace(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    private static boolean isPySpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085' || (c >= 0x1c && c <= 0x1f);
    }
}
