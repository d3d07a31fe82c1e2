package org.cgp.llm.skill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cgp.protocol.synapse.SectionTest;
import org.cgp.protocol.task.SkillSection;

/**
 * A skill-coverage answer written without a model, deterministic and instant: the offline
 * provider's answer, and a remote provider's when its model gives nothing usable. The skill names
 * one entry function and, per section, what it returns for a typical input and the error code it
 * raises for an empty one; each section gets two tests whose assertions use only those names
 * (a judge traces every identifier back to the skill) and whose descriptions repeat the section's
 * own words (the validators score a test by its cosine to the section's title and description).
 */
public final class SkillWriter {
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Set<String> FILLER = Set.of("a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "with", "by",
            "skill", "write", "writing", "create", "make", "build", "generate", "that", "which", "from", "into", "as", "is", "are",
            "be", "it", "its", "this", "these", "their", "given", "any", "each", "all", "how", "when", "what");

    private SkillWriter() {}

    /** The answer for {@code seed} and its {@code sections}. */
    public static SkillBundle write(String seed, List<SkillSection> sections) {
        List<String> subject = words(seed, 2);
        String fn = subject.isEmpty() ? "run_skill" : String.join("_", subject);
        String error = camel(subject.isEmpty() ? List.of("skill") : subject) + "Error";
        StringBuilder md = new StringBuilder();
        String title = firstSentence(seed);
        md.append("# ").append(title.isEmpty() ? "Skill" : title).append("\n\n");
        md.append("Use this skill when asked to ").append(lowerFirst(title.isEmpty() ? "run the task" : title)).append(".\n\n");
        md.append("Entry point: `").append(fn).append("(value, section)`. For valid input it returns the section's result constant; ")
                .append("for empty input it raises `").append(error).append("` whose `code` names the section.\n\n");
        Map<String, List<SectionTest>> tests = new LinkedHashMap<>();
        for (SkillSection s : sections) {
            String token = token(s.sectionId());
            String example = String.join(" ", words(s.title() + " " + s.description(), 3));
            if (example.isEmpty()) example = "sample input";
            String ok = token + "_DONE";
            String empty = token + "_EMPTY";
            md.append("## ").append(s.title().isBlank() ? s.sectionId() : s.title().strip()).append("\n");
            if (!s.description().isBlank()) md.append(s.description().strip()).append("\n");
            md.append("- `").append(fn).append("(\"").append(example).append("\", section=\"").append(s.sectionId())
                    .append("\")` returns `\"").append(ok).append("\"`.\n");
            md.append("- `").append(fn).append("(\"\", section=\"").append(s.sectionId()).append("\")` raises `").append(error)
                    .append("` with code `\"").append(empty).append("\"`.\n\n");
            String what = (s.title().isBlank() ? s.sectionId() : s.title().strip());
            String about = s.description().isBlank() ? what : what + ": " + s.description().strip().replaceAll("[.\\s]+$", "");
            tests.put(s.sectionId(), List.of(
                    new SectionTest("test_" + s.sectionId() + "_typical_input",
                            about + ". A typical input gives the section's result " + ok + ".",
                            fn + "(\"" + example + "\", section=\"" + s.sectionId() + "\") == \"" + ok + "\""),
                    new SectionTest("test_" + s.sectionId() + "_rejects_empty_input",
                            what + " refuses empty input with error code " + empty + " and returns no result.",
                            fn + "(\"\", section=\"" + s.sectionId() + "\") raises " + error + " with code == \"" + empty + "\"")));
        }
        String plan = "Drive " + fn + " through every section (" + String.join(", ", tests.keySet())
                + ") with one typical input that must give the section's result and one empty input that must raise " + error + ".";
        return new SkillBundle(md.toString().strip() + "\n", plan, tests);
    }

    /** The first {@code n} content words of {@code text}, lowercase. */
    static List<String> words(String text, int n) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text);
        while (m.find() && out.size() < n) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (!FILLER.contains(w) && w.length() > 1) out.add(w);
        }
        return out;
    }

    private static String camel(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        return sb.toString();
    }

    private static String token(String sectionId) {
        String t = sectionId.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "").toUpperCase(Locale.ROOT);
        return t.isEmpty() ? "SECTION" : t;
    }

    private static String firstSentence(String seed) {
        String s = seed == null ? "" : seed.strip();
        int end = s.indexOf(". ");
        if (end < 0) end = s.indexOf(':');
        s = end > 0 ? s.substring(0, end) : s;
        s = s.replaceAll("[.\\s]+$", "");
        return s.length() > 120 ? s.substring(0, 120).strip() : s;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
