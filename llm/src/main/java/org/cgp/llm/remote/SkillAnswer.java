package org.cgp.llm.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.llm.skill.SkillBundle;
import org.cgp.protocol.synapse.SectionTest;

/**
 * Reads a model's skill-coverage answer, {@code {"skill", "tdd_plan", "section_tests": {id: [{name,
 * description, assertion}]}}}, as defensively as {@link AnswerParser} reads tags: JSON in fences
 * or prose, lenient syntax, texts where strings belong coerced, anything else left out. Null when
 * there is no such object at all.
 */
final class SkillAnswer {
    private SkillAnswer() {}

    static SkillBundle parse(String answer) {
        if (answer == null || answer.isBlank()) return null;
        JsonNode root = AnswerParser.findJson(answer);
        if (root == null || !root.isObject()) return null;
        JsonNode tests = root.path("section_tests");
        if (!tests.isObject()) return null;
        Map<String, List<SectionTest>> out = new LinkedHashMap<>();
        tests.fields().forEachRemaining(e -> {
            List<SectionTest> list = new ArrayList<>();
            if (e.getValue().isArray()) {
                for (JsonNode t : e.getValue()) {
                    if (!t.isObject()) continue;
                    list.add(new SectionTest(text(t.get("name")), text(t.get("description")), text(t.get("assertion"))));
                }
            }
            out.put(e.getKey().strip(), list);
        });
        return new SkillBundle(text(root.get("skill")), text(root.get("tdd_plan")), out);
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) return "";
        return n.isValueNode() ? n.asText() : n.toString();
    }

    /** {@code {"sections": [{section_id, title, description}]}}: those with a non-blank, not yet seen id, as snake_case. */
    static List<org.cgp.protocol.task.SkillSection> sections(String answer) {
        List<org.cgp.protocol.task.SkillSection> out = new ArrayList<>();
        JsonNode root = answer == null ? null : AnswerParser.findJson(answer);
        JsonNode list = root == null ? null : root.isArray() ? root : root.path("sections");
        if (list == null || !list.isArray()) return out;
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode s : list) {
            String id = text(s.get("section_id")).strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
            if (id.isEmpty() || !ids.add(id)) continue;
            out.add(new org.cgp.protocol.task.SkillSection(id, text(s.get("title")).strip(), text(s.get("description")).strip()));
        }
        return out;
    }

    /** {@code {"verdicts": {section_id: [{name, correct}]}}} as section id, test name, verdict; empty when unreadable. */
    static Map<String, Map<String, Boolean>> verdicts(String answer) {
        Map<String, Map<String, Boolean>> out = new LinkedHashMap<>();
        JsonNode root = answer == null ? null : AnswerParser.findJson(answer);
        JsonNode v = root == null ? null : root.path("verdicts");
        if (v == null || !v.isObject()) return out;
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isArray()) return;
            Map<String, Boolean> byName = new LinkedHashMap<>();
            for (JsonNode t : e.getValue()) {
                if (t.isObject() && t.path("name").isTextual()) byName.put(t.get("name").asText(), t.path("correct").asBoolean(false) && t.path("correct").isBoolean());
            }
            out.put(e.getKey(), byName);
        });
        return out;
    }
}
