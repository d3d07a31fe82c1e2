package org.cgp.protocol.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cgp.protocol.synapse.Line;

/**
 * Reads a task packet ({@code cgp_input[0].task}) into a {@link Task} and writes it back, field for
 * field in the live code's order, unknown fields included, so a request round-trips.
 *
 * <p>What is required follows the live task models: {@code mode}, a known {@code type},
 * {@code input} with {@code guid}, the {@code input_type} of that type and a {@code data} object;
 * a window is a list of {@code [int >= 0, string]} pairs. Guids may be strings or numbers (kept
 * as strings). Every failure is a {@link TaskFormatException} naming the field path; request text
 * is never quoted beyond a short, sanitised type name.
 */
public final class TaskCodec {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ENVELOPE_FIELDS = Set.of("mode", "api_version", "guid", "bundle_guid", "type",
            "scoring_mechanism", "input", "prompt_chain", "example_output");
    private static final Set<String> INPUT_FIELDS = Set.of("guid", "input_type", "data", "input_categories");
    private static final Set<String> STEP_FIELDS = Set.of("step", "id", "crc", "title", "name", "description", "type",
            "input_path", "prompt_template", "output_variable", "output_type");
    private static final Set<String> EXAMPLE_FIELDS = Set.of("tags", "type");
    private static final int MAX_QUOTED = 40;

    private TaskCodec() {}

    /** The task in {@code node}; throws {@link TaskFormatException} naming the first bad field. */
    public static Task parse(JsonNode node) {
        if (node == null || !node.isObject()) throw new TaskFormatException("task must be a JSON object");
        String typeName = text(node, "type", "task.type", true);
        TaskType type = TaskType.fromWire(typeName).orElseThrow(() -> new TaskFormatException(
                "unknown task type '" + quote(typeName) + "'; this miner mines the " + TaskType.values().length + " live task types"));
        String mode = text(node, "mode", "task.mode", true);
        JsonNode api = node.get("api_version");
        if (api != null && !api.isNull() && !api.isNumber()) throw new TaskFormatException("task.api_version must be a number");
        Double apiVersion = api == null || api.isNull() ? null : api.asDouble();
        String guid = guid(node.get("guid"), "task.guid", false);
        String bundleGuid = guid(node.get("bundle_guid"), "task.bundle_guid", false);
        String mechanism = text(node, "scoring_mechanism", "task.scoring_mechanism", false);
        TaskInput input = input(node.get("input"), type);
        List<PromptStep> chain = promptChain(node.get("prompt_chain"));
        ExampleOutput example = exampleOutput(node.get("example_output"));
        TaskEnvelope env = new TaskEnvelope(mode, apiVersion, guid, bundleGuid, type, mechanism, input, chain, example,
                extra(node, ENVELOPE_FIELDS));
        ObjectNode data = input.data();
        return switch (type) {
            case CONVERSATION_TAGGING -> new ConversationTask(env, windowIdx(data), window(data, false),
                    strings(data.get("participants"), "task.input.data.participants"), lines(data.get("enrichment_lines"), "task.input.data.enrichment_lines"));
            case WEBPAGE_METADATA_GENERATION -> new WebpageTask(env, window(data, true));
            case SURVEY_TAGGING -> new SurveyTask(env, text(data, "survey_question", "task.input.data.survey_question", false),
                    text(data, "comment", "task.input.data.comment", false));
            case NAMED_ENTITIES_EXTRACTION -> new NamedEntitiesTask(env, windowIdx(data), window(data, false));
            case SKILL_GENERATION -> new SkillGenerationTask(env, window(data, true));
            case SKILL_COVERAGE_EVALUATION -> new SkillCoverageTask(env, text(data, "seed", "task.input.data.seed", true),
                    sectionMap(data.get("section_map")));
        };
    }

    /** The task as the live code writes it: known fields in order, then the kept unknown ones. */
    public static ObjectNode write(Task task) {
        TaskEnvelope e = task.envelope();
        ObjectNode out = NODES.objectNode();
        out.put("mode", e.mode());
        if (e.apiVersion() == null) out.putNull("api_version"); else out.put("api_version", e.apiVersion());
        out.put("guid", e.guid());
        out.put("bundle_guid", e.bundleGuid());
        out.put("type", e.type().wire());
        out.put("scoring_mechanism", e.scoringMechanism());
        out.set("input", writeInput(e.input()));
        if (e.promptChain() == null) {
            out.putNull("prompt_chain");
        } else {
            ArrayNode chain = out.putArray("prompt_chain");
            for (PromptStep s : e.promptChain()) chain.add(writeStep(s));
        }
        if (e.exampleOutput() == null) {
            out.putNull("example_output");
        } else {
            ObjectNode ex = out.putObject("example_output");
            ex.set("tags", stringArray(e.exampleOutput().tags()));
            ex.put("type", e.exampleOutput().type());
            e.exampleOutput().extra().forEach(ex::set);
        }
        e.extra().forEach(out::set);
        return out;
    }

    /** A {@code prompt_chain} list (null stays null), for bundles that pass theirs on to their tasks. */
    public static List<PromptStep> parsePromptChain(JsonNode n) { return promptChain(n); }

    /** An {@code example_output} object (null stays null). */
    public static ExampleOutput parseExampleOutput(JsonNode n) { return exampleOutput(n); }

    /** A window as {@code [[speaker, text], ...]}. */
    public static ArrayNode windowNode(List<Line> window) {
        ArrayNode a = NODES.arrayNode();
        for (Line l : window) a.addArray().add(l.speaker()).add(l.text());
        return a;
    }

    private static ObjectNode writeInput(TaskInput in) {
        ObjectNode out = NODES.objectNode();
        out.put("guid", in.guid());
        out.put("input_type", in.inputType());
        out.set("data", in.data());
        if (in.inputCategories() != null || in.extra().containsKey("input_categories")) { // an explicit null is kept in extra
            out.set("input_categories", stringArray(in.inputCategories()));
        }
        in.extra().forEach((k, v) -> { if (!k.equals("input_categories")) out.set(k, v); });

        return out;
    }

    private static ObjectNode writeStep(PromptStep s) {
        ObjectNode o = NODES.objectNode();
        if (s.step() == null) o.putNull("step"); else o.put("step", s.step());
        o.put("id", s.id());
        if (s.crc() == null) o.putNull("crc"); else o.put("crc", s.crc());
        o.put("title", s.title());
        o.put("name", s.name());
        o.put("description", s.description());
        o.put("type", s.type());
        o.put("input_path", s.inputPath());
        o.put("prompt_template", s.promptTemplate());
        o.put("output_variable", s.outputVariable());
        o.put("output_type", s.outputType());
        s.extra().forEach(o::set);
        return o;
    }

    private static JsonNode stringArray(List<String> values) {
        if (values == null) return NODES.nullNode();
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static TaskInput input(JsonNode in, TaskType type) {
        if (in == null || !in.isObject()) throw new TaskFormatException("task.input must be a JSON object");
        String guid = guid(in.get("guid"), "task.input.guid", true);
        String inputType = text(in, "input_type", "task.input.input_type", true);
        if (!inputType.equals(type.inputType())) {
            throw new TaskFormatException("task.input.input_type must be '" + type.inputType() + "' for " + type.wire()
                    + ", got '" + quote(inputType) + "'");
        }
        JsonNode data = in.get("data");
        if (data == null || !data.isObject()) throw new TaskFormatException("task.input.data must be a JSON object");
        List<String> categories = strings(in.get("input_categories"), "task.input.input_categories");
        Map<String, JsonNode> extra = extra(in, INPUT_FIELDS);
        if (categories == null && in.has("input_categories")) extra.put("input_categories", NODES.nullNode());
        return new TaskInput(guid, inputType, (ObjectNode) data, categories, extra);
    }

    private static int windowIdx(JsonNode data) {
        JsonNode n = data.get("window_idx");
        if (n == null || n.isNull()) return -1;
        if (!n.canConvertToInt() || !n.isIntegralNumber()) throw new TaskFormatException("task.input.data.window_idx must be an integer");
        return n.asInt();
    }

    private static List<Line> window(JsonNode data, boolean required) {
        JsonNode w = data.get("window");
        if (w == null || w.isNull()) {
            if (required) throw new TaskFormatException("task.input.data.window is missing");
            return List.of();
        }
        return lines(w, "task.input.data.window");
    }

    /** A list of {@code [int >= 0, string]} pairs (null stays null). */
    private static List<Line> lines(JsonNode w, String path) {
        if (w == null || w.isNull()) return null;
        if (!w.isArray()) throw new TaskFormatException(path + " must be a list");
        List<Line> out = new ArrayList<>(w.size());
        for (int i = 0; i < w.size(); i++) {
            JsonNode l = w.get(i);
            String at = path + "[" + i + "]";
            if (!l.isArray() || l.size() != 2) throw new TaskFormatException(at + " must be [speaker_index, text]");
            JsonNode speaker = l.get(0);
            if (!speaker.isIntegralNumber() || !speaker.canConvertToInt() || speaker.asInt() < 0) {
                throw new TaskFormatException(at + "[0] must be an integer >= 0");
            }
            if (!l.get(1).isTextual()) throw new TaskFormatException(at + "[1] must be a string");
            out.add(new Line(speaker.asInt(), l.get(1).asText()));
        }
        return out;
    }

    /** {@code data.section_map}: a list of {@code {section_id, title, description}}, ids unique and not blank. */
    private static List<SkillSection> sectionMap(JsonNode n) {
        if (n == null || n.isNull()) throw new TaskFormatException("task.input.data.section_map is missing");
        if (!n.isArray()) throw new TaskFormatException("task.input.data.section_map must be a list");
        List<SkillSection> out = new ArrayList<>(n.size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode s = n.get(i);
            String at = "task.input.data.section_map[" + i + "]";
            if (!s.isObject()) throw new TaskFormatException(at + " must be a JSON object");
            String id = text(s, "section_id", at + ".section_id", true).strip();
            if (id.isEmpty() || !ids.add(id)) throw new TaskFormatException(at + ".section_id must be a unique, non-empty id");
            out.add(new SkillSection(id, text(s, "title", at + ".title", false), text(s, "description", at + ".description", false)));
        }
        return out;
    }

    private static List<PromptStep> promptChain(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw new TaskFormatException("task.prompt_chain must be a list");
        List<PromptStep> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode s = n.get(i);
            String at = "task.prompt_chain[" + i + "]";
            if (!s.isObject()) throw new TaskFormatException(at + " must be a JSON object");
            JsonNode step = s.get("step");
            JsonNode crc = s.get("crc");
            if (step != null && !step.isNull() && !step.canConvertToInt()) throw new TaskFormatException(at + ".step must be an integer");
            if (crc != null && !crc.isNull() && !crc.canConvertToLong()) throw new TaskFormatException(at + ".crc must be an integer");
            out.add(new PromptStep(step == null || step.isNull() ? null : step.asInt(), scalar(s, "id", at), 
                    crc == null || crc.isNull() ? null : crc.asLong(), scalar(s, "title", at), scalar(s, "name", at),
                    scalar(s, "description", at), scalar(s, "type", at), scalar(s, "input_path", at),
                    scalar(s, "prompt_template", at), scalar(s, "output_variable", at), scalar(s, "output_type", at),
                    extra(s, STEP_FIELDS)));
        }
        return out;
    }

    private static ExampleOutput exampleOutput(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) throw new TaskFormatException("task.example_output must be a JSON object");
        return new ExampleOutput(strings(n.get("tags"), "task.example_output.tags"),
                scalar(n, "type", "task.example_output"), extra(n, EXAMPLE_FIELDS));
    }

    /** A string field; numbers are taken as their text (the live models coerce ids the same way). */
    private static String scalar(JsonNode parent, String field, String at) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isValueNode()) throw new TaskFormatException(at + "." + field + " must be a string");
        return n.asText();
    }

    private static String text(JsonNode parent, String field, String path, boolean required) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) throw new TaskFormatException(path + " is missing");
            return null;
        }
        if (!n.isTextual()) throw new TaskFormatException(path + " must be a string");
        return n.asText();
    }

    /** ForceStr: a string or an integer, stripped; blank is refused; null allowed unless required. */
    private static String guid(JsonNode n, String path, boolean required) {
        if (n == null || n.isNull()) {
            if (required) throw new TaskFormatException(path + " is missing");
            return null;
        }
        if (!n.isTextual() && !n.isIntegralNumber()) throw new TaskFormatException(path + " must be a string or an integer");
        String s = n.asText().strip();
        if (s.isEmpty()) throw new TaskFormatException(path + " must not be empty");
        return s;
    }

    private static List<String> strings(JsonNode n, String path) {
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw new TaskFormatException(path + " must be a list of strings");
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode s : n) {
            if (!s.isTextual()) throw new TaskFormatException(path + " must be a list of strings");
            out.add(s.asText());
        }
        return out;
    }

    private static Map<String, JsonNode> extra(JsonNode node, Set<String> known) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!known.contains(e.getKey())) out.put(e.getKey(), e.getValue().deepCopy());
        });
        return out;
    }

    /** At most a few printable ASCII characters of a request value, for an error message. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < MAX_QUOTED; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
        }
        return s.length() > MAX_QUOTED ? sb + "..." : sb.toString();
    }
}
