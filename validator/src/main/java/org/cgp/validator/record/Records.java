package org.cgp.validator.record;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cgp.protocol.synapse.ParticipantProfile;
import org.cgp.protocol.synapse.SectionTest;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.task.ConversationTask;
import org.cgp.protocol.task.SkillSection;
import org.cgp.protocol.task.Task;
import org.cgp.protocol.task.TaskCodec;
import org.cgp.validator.bundle.ConversationBundle;
import org.cgp.validator.bundle.SurveyBundle;
import org.cgp.validator.bundle.TaskBundle;

/**
 * Builds the two records of the live validators: the validator record of a bundle ({@code data}:
 * {@code tags}, {@code vectors} as {@code {tag: {"vectors": [...]}}}, {@code participantProfiles}
 * as the participants' names, a survey's question, comment and choices) and the miner record of one
 * answer ({@code data.result}: the validated {@code tags}, the {@code original_tags} (at most
 * {@value #MAX_RECORDED_TAGS} of {@value #MAX_RECORDED_TAG_CHARS} characters, and said so when cut),
 * the validator's {@code vectors}; {@code data.task}: the real, unmasked task; {@code data.score}:
 * what it scored), or of a skill answer (its tests likewise capped, {@code section_test_count}
 * saying how many were sent when cut). One instance per validator: the fields every record shares are fixed here.
 */
public final class Records {
    public static final int MAX_RECORDED_TAGS = 50;
    public static final int MAX_RECORDED_TAG_CHARS = 100;
    /** A skill answer's recorded tests: this many sections, this many tests each, each text this long (the scored ones are within). */
    public static final int MAX_RECORDED_SECTIONS = 20;
    public static final int MAX_RECORDED_TESTS_PER_SECTION = 12;
    public static final int MAX_RECORDED_TEST_CHARS = 1000;
    public static final int MAX_RECORDED_PLAN_CHARS = 4000;

    private final String mode;
    private final String model;
    private final String embeddingsModel;
    private final String llmType;
    private final String cgpVersion;
    private final int netuid;

    public Records(String mode, String model, String embeddingsModel, String llmType, String cgpVersion, int netuid) {
        this.mode = mode;
        this.model = model;
        this.embeddingsModel = embeddingsModel;
        this.llmType = llmType;
        this.cgpVersion = cgpVersion;
        this.netuid = netuid;
    }

    /** The validator record of {@code b}: its ground truth. */
    public RecordPayload groundTruth(TaskBundle b, List<String> tags, List<float[]> vectors, List<ParticipantProfile> profiles,
                                     String hotkey, int uid, long batch) {
        ObjectNode data = WireJson.mapper().createObjectNode();
        data.set("tags", WireJson.mapper().valueToTree(tags));
        data.set("vectors", vectors(tags, vectors));
        ArrayNode names = data.putArray("participantProfiles");
        if (b instanceof ConversationBundle c) c.participants().forEach(names::add);
        if (!profiles.isEmpty()) data.set("profiles", WireJson.mapper().valueToTree(profiles));
        if (b instanceof SurveyBundle s) {
            data.put("survey_question", s.question());
            data.put("comment", s.comment());
            data.set("possible_choices", WireJson.mapper().valueToTree(s.possibleChoices()));
            data.set("selected_choices", WireJson.mapper().valueToTree(s.selectedChoices()));
        }
        return payload(RecordPayload.VALIDATOR, null, hotkey, uid, -1, batch, b.guid(), data);
    }

    /**
     * The miner record of one answer to {@code task}.
     *
     * @param kept      the tags that survived judging, with the validator's {@code vectors}
     * @param original  every tag the miner sent
     * @param score     what the answer scored ({@code status_code}, {@code final_miner_score}, ...)
     */
    public RecordPayload answer(String bundleGuid, Task task, String hotkey, int uid, List<String> kept, List<float[]> vectors,
                                List<String> original, ObjectNode score, long batch) {
        ObjectNode data = WireJson.mapper().createObjectNode();
        ObjectNode result = data.putObject("result");
        result.set("tags", WireJson.mapper().valueToTree(kept));
        List<String> capped = capped(original);
        result.set("original_tags", WireJson.mapper().valueToTree(capped));
        boolean cut = original.size() > capped.size();
        for (int i = 0; i < capped.size() && !cut; i++) cut = !capped.get(i).equals(original.get(i));
        if (cut) {
            result.put("original_tags_truncated", true);
            result.put("original_tag_count", original.size());
        }
        result.set("vectors", vectors(kept, vectors));
        data.set("task", TaskCodec.write(task));
        data.set("score", score);
        int windowIdx = task instanceof ConversationTask c ? c.windowIdx() : -1;
        return payload(RecordPayload.MINER, task.envelope().guid(), hotkey, uid, windowIdx, batch, bundleGuid, data);
    }

    /**
     * At most {@link #MAX_RECORDED_TAGS} tags of at most {@link #MAX_RECORDED_TAG_CHARS} characters
     * each (nulls left out), each {@link #printable} (a miner's NUL would make PostgreSQL's jsonb
     * refuse the whole record).
     */
    public static List<String> capped(List<String> tags) {
        List<String> out = new ArrayList<>(Math.min(tags.size(), MAX_RECORDED_TAGS));
        for (String t : tags) {
            if (out.size() == MAX_RECORDED_TAGS) break;
            if (t == null) continue;
            out.add(cut(t, MAX_RECORDED_TAG_CHARS));
        }
        return out;
    }

    /**
     * {@code s} with control characters (NUL included) and unpaired surrogates replaced by U+FFFD,
     * the one rule for text a peer sent before it is stored: a store refuses neither.
     */
    public static String printable(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = Character.isISOControl(c)
                    || (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1))));
            if (bad && out == null) out = new StringBuilder(s.length()).append(s, 0, i);
            if (out != null) out.append(bad ? '\uFFFD' : c);
        }
        return out == null ? s : out.toString();
    }

    /**
     * The validator record of a skill-coverage bundle (CGP 2.37): {@code data} is the whole section
     * map ({@code sections}) and the scored sections' vectors ({@code section_vectors}).
     */
    public RecordPayload skillGroundTruth(TaskBundle b, List<SkillSection> sections, Map<String, float[]> sectionVectors,
                                          String hotkey, int uid, long batch) {
        ObjectNode data = WireJson.mapper().createObjectNode();
        ArrayNode map = data.putArray("sections");
        for (SkillSection s : sections) {
            map.addObject().put("section_id", printable(s.sectionId())).put("title", printable(s.title()))
                    .put("description", printable(s.description()));
        }
        ObjectNode vectors = data.putObject("section_vectors");
        sectionVectors.forEach((id, v) -> vectors.set(printable(id), floats(v)));
        return payload(RecordPayload.VALIDATOR, null, hotkey, uid, -1, batch, b.guid(), data);
    }

    /**
     * The miner record of a skill-coverage answer (CGP 2.37): {@code data.result} is the answer as
     * read ({@code skill}, {@code tdd_plan}, {@code section_tests}, every text {@link #printable})
     * with the validator's {@code skill_vector} and {@code test_vectors} of the scored sections
     * ({@code {section_id: [{name, description, assertion, vector, judged_correct}]}}).
     */
    public RecordPayload skillAnswer(String bundleGuid, Task task, String hotkey, int uid, String skill, String tddPlan,
                                     Map<String, List<SectionTest>> sectionTests, float[] skillVector,
                                     Map<String, List<TestRecord>> testVectors, ObjectNode score, long batch) {
        ObjectNode data = WireJson.mapper().createObjectNode();
        ObjectNode result = data.putObject("result");
        result.put("skill", printable(skill));
        result.put("tdd_plan", cut(tddPlan == null ? "" : tddPlan, MAX_RECORDED_PLAN_CHARS));
        ObjectNode sent = result.putObject("section_tests");
        int total = 0;
        boolean whole = sectionTests.size() <= MAX_RECORDED_SECTIONS;
        for (Map.Entry<String, List<SectionTest>> e : sectionTests.entrySet()) {
            total += e.getValue().size();
            whole &= e.getValue().size() <= MAX_RECORDED_TESTS_PER_SECTION;
            if (sent.size() == MAX_RECORDED_SECTIONS) continue;
            ArrayNode a = sent.putArray(cut(e.getKey(), MAX_RECORDED_TAG_CHARS));
            for (SectionTest t : e.getValue()) {
                if (a.size() == MAX_RECORDED_TESTS_PER_SECTION) break;
                test(a.addObject(), t.name(), t.description(), t.assertion());
            }
        }
        if (!whole) result.put("section_test_count", total); // a flood, recorded in part and said so
        if (skillVector == null) result.putNull("skill_vector"); else result.set("skill_vector", floats(skillVector));
        ObjectNode tv = result.putObject("test_vectors");
        testVectors.forEach((sid, tests) -> {
            ArrayNode a = tv.putArray(cut(sid, MAX_RECORDED_TAG_CHARS));
            for (TestRecord t : tests) {
                if (a.size() == MAX_RECORDED_TESTS_PER_SECTION) break; // the judged and embedded ones come first
                ObjectNode o = test(a.addObject(), t.name(), t.description(), t.assertion());
                if (t.vector() == null) o.putNull("vector"); else o.set("vector", floats(t.vector()));
                o.put("judged_correct", t.judgedCorrect());
            }
        });
        data.set("task", TaskCodec.write(task));
        data.set("score", score);
        return payload(RecordPayload.MINER, task.envelope().guid(), hotkey, uid, -1, batch, bundleGuid, data);
    }

    /** One scored test as recorded: its texts, its vector (null past the cap) and the judge's verdict. */
    public record TestRecord(String name, String description, String assertion, float[] vector, boolean judgedCorrect) {}

    private static ObjectNode test(ObjectNode o, String name, String description, String assertion) {
        return o.put("name", cut(name, MAX_RECORDED_TEST_CHARS)).put("description", cut(description, MAX_RECORDED_TEST_CHARS))
                .put("assertion", cut(assertion, MAX_RECORDED_TEST_CHARS));
    }

    /** {@link #printable} and at most {@code max} characters, "..." marking a cut. */
    private static String cut(String s, int max) {
        String clean = printable(s == null ? "" : s);
        return clean.length() <= max ? clean : clean.substring(0, max) + "...";
    }

    private static ArrayNode floats(float[] v) {
        ArrayNode a = WireJson.mapper().createArrayNode();
        for (float f : v) a.add(f);
        return a;
    }

    private RecordPayload payload(String neuronType, String taskId, String hotkey, int uid, int window, long batch, String bundleGuid,
                                  ObjectNode data) {
        return new RecordPayload(mode, model, embeddingsModel, null, llmType, RecordPayload.SCORING_VERSION, cgpVersion, netuid, hotkey,
                neuronType, taskId, batch, uid, window, RecordPayload.recordId(bundleGuid, taskId, hotkey, batch), data);
    }

    /** {@code {tag: {"vectors": [...]}}}, the live embedding dictionary. */
    static ObjectNode vectors(List<String> tags, List<float[]> vectors) {
        ObjectNode out = WireJson.mapper().createObjectNode();
        for (int i = 0; i < tags.size() && i < vectors.size(); i++) {
            ArrayNode a = out.putObject(tags.get(i)).putArray("vectors");
            for (float f : vectors.get(i)) a.add(f);
        }
        return out;
    }
}
