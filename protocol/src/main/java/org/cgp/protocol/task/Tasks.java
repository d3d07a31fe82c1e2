package org.cgp.protocol.task;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.cgp.protocol.synapse.Line;

/**
 * Tasks made in code (by a validator, a benchmark, a test), in the live shape: mode
 * {@code validator}, {@code api_version} 1.4, the live scoring mechanism of the type, no prompt
 * chain and no example output. Guids may be {@link TaskEnvelope#HIDDEN}.
 */
public final class Tasks {
    public static final String MODE = "validator";
    public static final String GROUND_TRUTH_MECHANISM = "ground_truth_tag_similarity_scoring";
    public static final String NO_PENALTY_MECHANISM = "no_penalty_ground_truth_tag_similarity_scoring";
    public static final String SKILL_COVERAGE_MECHANISM = "skill_coverage_scoring";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Tasks() {}

    public static ConversationTask conversation(String guid, String bundleGuid, int windowIdx, List<Line> window,
                                                List<String> participants, List<String> categories) {
        return conversation(guid, bundleGuid, windowIdx, window, participants, categories, null);
    }

    /** A window with its bundle's enrichment lines ({@code [[i, "title\nsnippet"]]}; null: none, and no field). */
    public static ConversationTask conversation(String guid, String bundleGuid, int windowIdx, List<Line> window,
                                                List<String> participants, List<String> categories, List<Line> enrichmentLines) {
        ObjectNode data = NODES.objectNode();
        data.put("window_idx", windowIdx);
        data.set("window", TaskCodec.windowNode(window));
        if (participants == null) data.putNull("participants"); else participants.forEach(data.putArray("participants")::add);
        if (enrichmentLines != null) data.set("enrichment_lines", TaskCodec.windowNode(enrichmentLines));
        return new ConversationTask(envelope(TaskType.CONVERSATION_TAGGING, guid, bundleGuid, data, categories), windowIdx, window, participants,
                enrichmentLines);
    }

    public static WebpageTask webpage(String guid, String bundleGuid, List<Line> window, List<String> categories) {
        ObjectNode data = NODES.objectNode();
        data.set("window", TaskCodec.windowNode(window));
        data.putArray("participants");
        return new WebpageTask(envelope(TaskType.WEBPAGE_METADATA_GENERATION, guid, bundleGuid, data, categories), window);
    }

    public static SurveyTask survey(String guid, String bundleGuid, String question, String comment) {
        ObjectNode data = NODES.objectNode();
        data.put("survey_question", question);
        data.put("comment", comment);
        return new SurveyTask(envelope(TaskType.SURVEY_TAGGING, guid, bundleGuid, data, null), question, comment);
    }

    public static NamedEntitiesTask namedEntities(String guid, String bundleGuid, int windowIdx, List<Line> window) {
        ObjectNode data = NODES.objectNode();
        data.put("window_idx", windowIdx);
        data.set("window", TaskCodec.windowNode(window));
        data.putNull("participants");
        return new NamedEntitiesTask(envelope(TaskType.NAMED_ENTITIES_EXTRACTION, guid, bundleGuid, data, null), windowIdx, window);
    }

    /** A skill document's markdown as the live validators send it: {@code {window: [[0, markdown]], participants: []}}. */
    public static SkillGenerationTask skillGeneration(String guid, String bundleGuid, String markdown, List<String> categories) {
        ObjectNode data = NODES.objectNode();
        List<Line> window = List.of(new Line(0, markdown));
        data.set("window", TaskCodec.windowNode(window));
        data.putArray("participants");
        return new SkillGenerationTask(envelope(TaskType.SKILL_GENERATION, guid, bundleGuid, data, categories), window);
    }

    /** A skill request and its whole section map: {@code {seed, section_map: [{section_id, title, description}]}}. */
    public static SkillCoverageTask skillCoverage(String guid, String bundleGuid, String seed, List<SkillSection> sections,
                                                  List<String> categories) {
        ObjectNode data = NODES.objectNode();
        data.put("seed", seed);
        com.fasterxml.jackson.databind.node.ArrayNode map = data.putArray("section_map");
        for (SkillSection s : sections) map.addObject().put("section_id", s.sectionId()).put("title", s.title()).put("description", s.description());
        return new SkillCoverageTask(envelope(TaskType.SKILL_COVERAGE_EVALUATION, guid, bundleGuid, data, categories), seed, sections);
    }

    /** The same task under another envelope (a bundle's mode, prompt chain, example output...). */
    public static Task withEnvelope(Task task, TaskEnvelope env) {
        if (env.type() != task.type()) throw new IllegalArgumentException("envelope of " + env.type() + " for a " + task.type() + " task");
        return task.accept(new Task.Visitor<Task>() {
            @Override public Task conversation(ConversationTask c) {
                return new ConversationTask(env, c.windowIdx(), c.window(), c.participants(), c.enrichmentLines());
            }
            @Override public Task webpage(WebpageTask w) { return new WebpageTask(env, w.window()); }
            @Override public Task survey(SurveyTask s) { return new SurveyTask(env, s.question(), s.comment()); }
            @Override public Task namedEntities(NamedEntitiesTask n) { return new NamedEntitiesTask(env, n.windowIdx(), n.window()); }
            @Override public Task skillGeneration(SkillGenerationTask g) { return new SkillGenerationTask(env, g.window()); }
            @Override public Task skillCoverage(SkillCoverageTask k) { return new SkillCoverageTask(env, k.seed(), k.sectionMap()); }
        });
    }

    private static TaskEnvelope envelope(TaskType type, String guid, String bundleGuid, ObjectNode data, List<String> categories) {
        String mechanism = type == TaskType.NAMED_ENTITIES_EXTRACTION ? NO_PENALTY_MECHANISM
                : type == TaskType.SKILL_COVERAGE_EVALUATION ? SKILL_COVERAGE_MECHANISM : GROUND_TRUTH_MECHANISM;
        TaskInput input = new TaskInput(guid, type.inputType(), data, categories, Map.of());
        return new TaskEnvelope(MODE, TaskEnvelope.API_VERSION, guid, bundleGuid, type, mechanism, input, null, null, Map.of());
    }
}
