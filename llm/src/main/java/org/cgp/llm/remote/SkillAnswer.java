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
}
