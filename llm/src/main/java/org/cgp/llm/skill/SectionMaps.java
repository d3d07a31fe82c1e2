package org.cgp.llm.skill;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.cgp.protocol.task.SkillSection;

/**
 * A section map for a skill request, written without a model (the offline provider's, and a remote
 * one's when its model gives nothing usable): a core section on the request's subject, one per
 * aspect the request lists (after a colon, or "covering"/"including"), an error-handling section
 * unless an aspect is about errors, and general ones to reach {@link #MIN_SECTIONS}; at most
 * {@link #MAX_SECTIONS}. Ids are unique snake_case.
 */
public final class SectionMaps {
    public static final int MIN_SECTIONS = 4;
    public static final int MAX_SECTIONS = 7;
    private static final Pattern LIST_START = Pattern.compile("(?i):|\\bcovering\\b|\\bincluding\\b|\\bwith\\b");
    private static final Pattern SPLIT = Pattern.compile("(?i)\\s*(?:,|;|\\band\\b|\\bor\\b)\\s*");
    private static final Pattern LEAD = Pattern.compile("(?i)^\\s*(?:write|create|build|make|generate)?\\s*(?:an?\\s+)?skill\\s+(?:document\\s+)?"
            + "(?:for|to|on|about|that|which)?\\s*");

    private SectionMaps() {}

    public static List<SkillSection> fromRequest(String seed) {
        String text = seed == null ? "" : seed.strip().replaceAll("\\s+", " ");
        String firstSentence = text.split("(?<=[.!?])\\s")[0];
        java.util.regex.Matcher m = LIST_START.matcher(firstSentence);
        String subject = m.find() ? firstSentence.substring(0, m.start()) : firstSentence;
        subject = LEAD.matcher(subject).replaceFirst("").replaceAll("[.:;,\\s]+$", "");
        if (subject.isBlank()) subject = "the task";
        List<SkillSection> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        add(out, ids, "core_" + snake(subject, 3), "Core " + subject,
                "The main result the skill produces for typical valid input when " + subject + ".");
        boolean errors = false;
        if (m.find(0) && m.start() < firstSentence.length()) {
            for (String aspect : SPLIT.split(firstSentence.substring(m.end()))) {
                String a = aspect.strip().replaceAll("[.:;,\\s]+$", "");
                if (a.length() < 3 || out.size() >= MAX_SECTIONS - 1) continue;
                errors |= a.toLowerCase(Locale.ROOT).matches(".*\\b(error|errors|invalid|reject|rejecting|empty|fail|failure)\\b.*");
                add(out, ids, snake(a, 3), capital(a), "How the skill handles " + a + ", with the exact output for a concrete input.");
            }
        }
        if (!errors) add(out, ids, "error_handling", "Error handling", "Invalid or empty input is refused with a named error instead of a result.");
        String[][] general = {{"edge_cases", "Edge cases", "Boundary inputs (empty, very long, unusual characters) give a defined result."},
                {"options", "Options", "Each option changes the output in a specific, testable way."},
                {"output_format", "Output format", "The result has a fixed, documented format."}};
        for (String[] g : general) if (out.size() < MIN_SECTIONS) add(out, ids, g[0], g[1], g[2]);
        return List.copyOf(out.subList(0, Math.min(out.size(), MAX_SECTIONS)));
    }

    private static void add(List<SkillSection> out, Set<String> ids, String id, String title, String description) {
        String unique = id.isEmpty() ? "section" : id;
        for (int i = 2; !ids.add(unique); i++) unique = id + "_" + i;
        out.add(new SkillSection(unique, title, description));
    }

    private static String snake(String text, int words) {
        List<String> w = SkillWriter.words(text, words);
        return String.join("_", w);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
