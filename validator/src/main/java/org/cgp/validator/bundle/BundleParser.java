package org.cgp.validator.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.task.TaskCodec;
import org.cgp.protocol.task.TaskFormatException;
import org.cgp.protocol.task.TaskType;

/**
 * Reads what the CGP API's {@code /reserve} answers into a {@link TaskBundle}:
 * <ul>
 *   <li>{@code conversation_tagging}: {@code input.data} holds {@code participants}, {@code lines}
 *       ({@code [[speaker, text], ...]}) and optionally {@code min_convo_windows};</li>
 *   <li>{@code webpage_metadata_generation}, {@code survey_tagging}, {@code named_entities_extraction}:
 *       line 0's text is a JSON document: {@code {website_markdown, enrichment: {search_results:
 *       {query: [{title, snippet}]}}}}, {@code {survey_question, comment, possible_choices,
 *       selected_choices}} or {@code {transcript_text, enrichment}};</li>
 *   <li>the older plain conversation {@code {guid, participants, lines}} (and local files) as a
 *       conversation bundle.</li>
 * </ul>
 * Guids may be strings or numbers. A bundle that cannot be used is a {@link BundleFormatException}
 * naming its guid and the field.
 */
public final class BundleParser {
    private BundleParser() {}

    public static TaskBundle parse(JsonNode root) {
        if (root == null || !root.isObject()) throw new BundleFormatException(null, "the answer is not a JSON object");
        String top = guid(root.get("guid"));
        final String guid = top != null ? top : guid(root.path("input").get("guid"));
        if (guid == null) throw new BundleFormatException(null, "no guid");
        if (!root.has("type") && root.has("lines")) { // the older plain conversation
            BundleHeader h = new BundleHeader(guid, TaskType.CONVERSATION_TAGGING, "validator", null, null, guid, null, null, null);
            return new ConversationBundle(h, strings(root.get("participants"), guid, "participants"), lines(root.get("lines"), guid), null);
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isTextual()) throw new BundleFormatException(guid, "no type");
        String typeName = typeNode.asText();
        TaskType type = TaskType.fromWire(typeName).orElseThrow(() -> new BundleFormatException(guid, "unknown bundle type '"
                + (typeName.length() > 40 ? typeName.substring(0, 40) + "..." : typeName) + "'"));
        JsonNode input = root.get("input");
        if (input == null || !input.isObject()) throw new BundleFormatException(guid, "input is missing");
        JsonNode data = input.get("data");
        if (data == null || !data.isObject()) throw new BundleFormatException(guid, "input.data is missing");
        BundleHeader h;
        try {
            h = new BundleHeader(guid, type, text(root.get("mode"), "validator"), root.path("api_version").isNumber() ? root.get("api_version").asDouble() : null,
                    text(root.get("scoring_mechanism"), null), guid(input.get("guid")) == null ? guid : guid(input.get("guid")),
                    strings(input.get("input_categories"), guid, "input.input_categories"),
                    TaskCodec.parsePromptChain(root.get("prompt_chain")), TaskCodec.parseExampleOutput(root.get("example_output")),
                    root.path("is_user_request").asBoolean(false));
        } catch (TaskFormatException e) {
            throw new BundleFormatException(guid, e.getMessage().replace("task.", ""));
        }
        List<Line> lines = lines(data.get("lines"), guid);
        return switch (type) {
            case CONVERSATION_TAGGING -> {
                JsonNode min = data.get("min_convo_windows");
                if (min != null && !min.isNull() && !min.canConvertToInt()) throw new BundleFormatException(guid, "input.data.min_convo_windows is not an integer");
                yield new ConversationBundle(h, strings(data.get("participants"), guid, "input.data.participants"), lines,
                        min == null || min.isNull() ? null : min.asInt(), searchResults(data, guid));
            }
            case WEBPAGE_METADATA_GENERATION -> {
                JsonNode doc = document(lines, guid);
                yield new WebpageBundle(h, requiredText(doc, "website_markdown", guid), searchResults(doc, guid));
            }
            case SURVEY_TAGGING -> {
                JsonNode doc = document(lines, guid);
                List<String> selected = strings(doc.get("selected_choices"), guid, "selected_choices");
                if (selected == null || selected.isEmpty()) throw new BundleFormatException(guid, "the survey has no selected_choices (its ground truth)");
                yield new SurveyBundle(h, text(doc.get("survey_question"), ""), requiredText(doc, "comment", guid),
                        strings(doc.get("possible_choices"), guid, "possible_choices"), selected);
            }
            case NAMED_ENTITIES_EXTRACTION -> {
                JsonNode doc = document(lines, guid);
                yield new NamedEntitiesBundle(h, requiredText(doc, "transcript_text", guid), searchResults(doc, guid));
            }
            case SKILL_GENERATION -> {
                JsonNode doc = document(lines, guid);
                yield new SkillGenerationBundle(h, text(doc.get("seed"), ""), requiredText(doc, "skill_markdown", guid));
            }
            case SKILL_COVERAGE_EVALUATION -> new SkillCoverageBundle(h, requiredText(document(lines, guid), "seed", guid));
        };
    }

    /** Line 0's text parsed as JSON: where webpage, survey and entity bundles keep their content. */
    private static JsonNode document(List<Line> lines, String guid) {
        try {
            JsonNode doc = WireJson.mapper().readTree(lines.get(0).text());
            if (doc == null || !doc.isObject()) throw new BundleFormatException(guid, "line 0 is not a JSON object");
            return doc;
        } catch (IOException e) {
            throw new BundleFormatException(guid, "line 0 is not JSON");
        }
    }

    private static List<SearchQuery> searchResults(JsonNode doc, String guid) {
        JsonNode results = doc.path("enrichment").path("search_results");
        if (results.isMissingNode() || results.isNull()) return List.of();
        if (!results.isObject()) throw new BundleFormatException(guid, "enrichment.search_results is not an object");
        List<SearchQuery> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> q : (Iterable<Map.Entry<String, JsonNode>>) results::fields) {
            List<SearchQuery.Result> rs = new ArrayList<>();
            if (!q.getValue().isArray()) throw new BundleFormatException(guid, "enrichment.search_results." + q.getKey() + " is not a list");
            for (JsonNode r : q.getValue()) rs.add(new SearchQuery.Result(text(r.get("title"), ""), text(r.get("snippet"), "")));
            out.add(new SearchQuery(q.getKey(), rs));
        }
        return out;
    }

    private static List<Line> lines(JsonNode n, String guid) {
        if (n == null || !n.isArray() || n.isEmpty()) throw new BundleFormatException(guid, "input.data.lines is missing or empty");
        List<Line> out = new ArrayList<>(n.size());
        for (JsonNode l : n) {
            if (!l.isArray() || l.size() < 2 || !l.get(0).canConvertToInt() || l.get(0).asInt() < 0 || !l.get(1).isValueNode()) {
                throw new BundleFormatException(guid, "input.data.lines holds an entry that is not [speaker, text]");
            }
            out.add(new Line(l.get(0).asInt(), l.get(1).isNull() ? "" : l.get(1).asText()));
        }
        return out;
    }

    private static String requiredText(JsonNode doc, String field, String guid) {
        JsonNode n = doc.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) throw new BundleFormatException(guid, field + " is missing or empty");
        return n.asText();
    }

    private static String text(JsonNode n, String otherwise) {
        return n == null || n.isNull() || !n.isValueNode() ? otherwise : n.asText();
    }

    private static List<String> strings(JsonNode n, String guid, String field) {
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw new BundleFormatException(guid, field + " is not a list");
        List<String> out = new ArrayList<>();
        for (JsonNode s : n) if (s.isValueNode() && !s.isNull()) out.add(s.asText().replace("\"", ""));
        return out;
    }

    /** ForceStr: a string or an integer, stripped; blank or absent is null. */
    private static String guid(JsonNode n) {
        if (n == null || n.isNull() || !(n.isTextual() || n.isIntegralNumber())) return null;
        String s = n.asText().strip();
        return s.isEmpty() ? null : s;
    }
}
