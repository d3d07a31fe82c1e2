package org.cgp.protocol.synapse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A skill-coverage answer read the way the live validators coerce it (CGP 2.37.74
 * {@code SkillCoverageEvaluationTaskBundle.format_results}): a miner may send any shape, and a
 * wrong one costs only the part that is wrong, never the whole answer. A skill or plan that is not
 * a string is ""; a section whose tests are not a list is left out; a test that is not an object is
 * left out; a test field that is not a string is "".
 */
final class LenientSkillFields {
    private LenientSkillFields() {}

    /** A string, or "" for any other JSON value. */
    static final class Text extends JsonDeserializer<String> {
        @Override public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode n = p.readValueAsTree();
            return n != null && n.isTextual() ? n.asText() : "";
        }

        @Override public String getNullValue(DeserializationContext ctx) { return ""; }
    }

    /** {@code {section_id: [{name, description, assertion}]}}, kept as far as it has that shape. */
    static final class SectionTests extends JsonDeserializer<Map<String, List<SectionTest>>> {
        @Override public Map<String, List<SectionTest>> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode n = p.readValueAsTree();
            Map<String, List<SectionTest>> out = new LinkedHashMap<>();
            if (n == null || !n.isObject()) return out;
            n.fields().forEachRemaining(e -> {
                if (!e.getValue().isArray()) return;
                List<SectionTest> tests = new ArrayList<>();
                for (JsonNode t : e.getValue()) {
                    if (!t.isObject()) continue;
                    tests.add(new SectionTest(text(t.get("name")), text(t.get("description")), text(t.get("assertion"))));
                }
                out.put(e.getKey(), tests);
            });
            return out;
        }

        @Override public Map<String, List<SectionTest>> getNullValue(DeserializationContext ctx) { return new LinkedHashMap<>(); }

        private static String text(JsonNode n) { return n != null && n.isTextual() ? n.asText() : ""; }
    }
}
