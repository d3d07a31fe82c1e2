package org.cgp.llm.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cgp.llm.skill.SkillRules;
import org.cgp.protocol.synapse.Line;

/**
 * The prompt templates in {@code org/cgp/llm/prompts/} and their rendering: {@code {{name}}}
 * placeholders replaced by values. Conversation lines are rendered one per line as
 * {@code name: text}, with line breaks inside a text flattened.
 */
public final class Prompts {
    public static final int CONVERSATION_TAGS = 20;
    public static final int WINDOW_TAGS = 12;
    /** The coding variant asks for fewer, technical tags. */
    public static final int CODING_TAGS = 10;
    public static final int WEBPAGE_TAGS = 15;
    public static final int RESULT_TAGS = 10;
    public static final int SURVEY_TAGS = 8;
    public static final int ENTITY_TAGS = 20;
    /** What a combine step asks for: the most tags a miner answers. */
    public static final int COMBINED_TAGS = org.cgp.llm.TagCleaner.MAX_TAGS;
    /** Characters of one page, result, comment or transcript sent at most. */
    public static final int MAX_PART_CHARS = 4_000;
    /** Characters of conversation text sent at most; the rest is cut (and said so in the prompt). */
    public static final int MAX_CONVERSATION_CHARS = 60_000;

    private static final String SYSTEM = load("system.txt");
    private static final String CONVERSATION = load("conversation.txt");
    private static final String WINDOW = load("window.txt");
    private static final String WINDOW_CODING = load("window-coding.txt");
    private static final String WEBPAGE = load("webpage.txt");
    private static final String WEBPAGE_CODING = load("webpage-coding.txt");
    private static final String RESULT = load("search-result.txt");
    private static final String RESULT_CODING = load("search-result-coding.txt");
    private static final String COMBINE_TAGS = load("combine-tags.txt");
    private static final String SURVEY = load("survey.txt");
    private static final String ENTITIES_TRANSCRIPT = load("entities-transcript.txt");
    private static final String ENTITIES_SNIPPET = load("entities-snippet.txt");
    private static final String COMBINE_ENTITIES = load("combine-entities.txt");
    private static final String QUALITY = load("quality.txt");
    private static final String QUALITY_ASSESSMENT = load("quality-assessment.txt");
    private static final String CLASSIFY_TAGS = load("classify-tags.txt");
    private static final String SKILL = load("skill.txt");
    private static final String SKILL_BUNDLE = load("skill-bundle.txt");
    private static final String SECTION_MAP = load("section-map.txt");
    private static final String JUDGE_TESTS = load("judge-tests.txt");
    /** A skill document's tags (the live prompt asks for at most 15). */
    public static final int SKILL_TAGS = 15;

    private Prompts() {}

    public static String system() {
        return SYSTEM;
    }

    public static String conversation(List<Line> lines, List<String> participants) {
        return render(CONVERSATION, Map.of(
                "max_tags", String.valueOf(CONVERSATION_TAGS),
                "participants", String.join(", ", participants.stream().map(p -> "\"" + p + "\"").toList()),
                "conversation", transcript(lines, participants)));
    }

    public static String window(List<Line> lines) {
        return render(WINDOW, Map.of("max_tags", String.valueOf(WINDOW_TAGS), "conversation", transcript(lines, List.of())));
    }

    public static String window(List<Line> lines, boolean coding) {
        if (!coding) return window(lines);
        return render(WINDOW_CODING, Map.of("max_tags", String.valueOf(CODING_TAGS), "conversation", transcript(lines, List.of())));
    }

    public static String webpage(String markdown, boolean coding) {
        return part(coding ? WEBPAGE_CODING : WEBPAGE, coding ? CODING_TAGS : WEBPAGE_TAGS, markdown);
    }

    public static String searchResult(String titleAndSnippet, boolean coding) {
        return part(coding ? RESULT_CODING : RESULT, coding ? CODING_TAGS : RESULT_TAGS, titleAndSnippet);
    }

    public static String combineTags(List<List<String>> lists) {
        return part(COMBINE_TAGS, COMBINED_TAGS, numberedLists(lists));
    }

    public static String survey(String question, String comment) {
        return render(SURVEY, Map.of("max_tags", String.valueOf(SURVEY_TAGS),
                "question", cut(question), "comment", cut(comment)));
    }

    public static String entitiesInTranscript(String transcript) {
        return part(ENTITIES_TRANSCRIPT, ENTITY_TAGS, transcript);
    }

    public static String entitiesInSnippet(String snippet) {
        return part(ENTITIES_SNIPPET, ENTITY_TAGS, snippet);
    }

    public static String combineEntities(List<List<String>> lists) {
        return part(COMBINE_ENTITIES, COMBINED_TAGS, numberedLists(lists));
    }

    public static String quality(List<Line> lines) {
        return render(QUALITY, Map.of("conversation", transcript(lines, List.of())));
    }

    /** The five-way quality assessment (ours, not the live gate's prompt). */
    public static String qualityAssessment(List<Line> lines) {
        return render(QUALITY_ASSESSMENT, Map.of("conversation", transcript(lines, List.of())));
    }

    public static String skill(String markdown) {
        return part(SKILL, SKILL_TAGS, markdown);
    }

    /** The skill-coverage request and its section map, one {@code - [id] title: description} line per section. */
    public static String skillBundle(String seed, List<org.cgp.protocol.task.SkillSection> sections) {
        return render(SKILL_BUNDLE, Map.of("seed", cut(seed), "sections", cut(sectionLines(sections))));
    }

    public static String sectionMap(String seed) {
        return render(SECTION_MAP, Map.of("seed", cut(seed)));
    }

    /**
     * The judge's prompt: the skill (up to 6000 characters, as the validators cap it), the sections
     * and the tests, {@code [section_id]} then {@code - name: description | Assertion: assertion}.
     */
    public static String judgeTests(String skill, List<org.cgp.protocol.task.SkillSection> sections,
                                    Map<String, List<org.cgp.protocol.synapse.SectionTest>> tests) {
        StringBuilder t = new StringBuilder();
        tests.forEach((sid, list) -> {
            t.append('[').append(sid).append("]\n");
            for (org.cgp.protocol.synapse.SectionTest x : list) {
                t.append("  - ").append(x.name()).append(": ").append(x.description()).append(" | Assertion: ").append(x.assertion()).append('\n');
            }
        });
        String s = skill == null ? "" : skill.strip();
        if (s.length() > SkillRules.MAX_SKILL_CHARS) s = s.substring(0, SkillRules.MAX_SKILL_CHARS);
        return render(JUDGE_TESTS, Map.of("skill", s.replace("</", "< /"), "sections", cut(sectionLines(sections)),
                "tests", t.toString().strip().replace("</", "< /")));
    }

    private static String sectionLines(List<org.cgp.protocol.task.SkillSection> sections) {
        StringBuilder map = new StringBuilder();
        for (org.cgp.protocol.task.SkillSection s : sections) {
            map.append("- [").append(s.sectionId()).append("] ").append(s.title()).append(": ").append(s.description()).append('\n');
        }
        return map.toString();
    }

    public static String classifyTags(List<String> tags) {
        return render(CLASSIFY_TAGS, Map.of("text", cut(String.join(", ", tags))));
    }

    private static String part(String template, int maxTags, String text) {
        return render(template, Map.of("max_tags", String.valueOf(maxTags), "text", cut(text)));
    }

    /** {@code List 1: a, b} one per line. */
    static String numberedLists(List<List<String>> lists) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lists.size(); i++) sb.append("List ").append(i + 1).append(": ").append(String.join(", ", lists.get(i))).append('\n');
        return sb.toString().stripTrailing();
    }

    /** At most {@link #MAX_PART_CHARS} characters, closing tags of the template defused. */
    private static String cut(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() > MAX_PART_CHARS) t = t.substring(0, MAX_PART_CHARS) + " [...]";
        return t.replace("</", "< /");
    }

    static String render(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        return out;
    }

    /** Display name of a speaker index: the participant's name, else "speaker N". */
    public static String speakerName(List<String> participants, int speaker) {
        String name = speaker < participants.size() ? participants.get(speaker) : null;
        return name == null || name.isBlank() ? "speaker " + speaker : name.strip();
    }

    static String transcript(List<Line> lines, List<String> participants) {
        StringBuilder sb = new StringBuilder();
        for (Line line : lines) {
            if (line == null || line.text().isBlank()) continue;
            String text = line.text().replaceAll("[\\r\\n]+", " ").replace("</conversation>", "</ conversation>").strip();
            String row = speakerName(participants, line.speaker()) + ": " + text + "\n";
            if (sb.length() + row.length() > MAX_CONVERSATION_CHARS) {
                sb.append("[... the rest of the conversation is cut ...]\n");
                break;
            }
            sb.append(row);
        }
        return sb.toString().stripTrailing();
    }

    private static String load(String name) {
        try (InputStream in = Prompts.class.getResourceAsStream("/org/cgp/llm/prompts/" + name)) {
            if (in == null) throw new IllegalStateException("prompt template org/cgp/llm/prompts/" + name + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt template " + name, e);
        }
    }
}
