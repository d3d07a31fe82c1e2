package org.cgp.validator.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.llm.QualityAssessment;
import org.cgp.protocol.synapse.ParticipantProfile;
import org.cgp.protocol.synapse.SectionTest;
import org.cgp.protocol.task.ConversationTask;
import org.cgp.protocol.task.SkillSection;
import org.cgp.protocol.task.Task;
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
                                     QualityAssessment quality, String hotkey, int uid, long batch) {
        List<String> names = b instanceof ConversationBundle c ? c.participants() : List.of();
        SurveyBundle s = b instanceof SurveyBundle x ? x : null;
        RecordData.GroundTruth data = new RecordData.GroundTruth(tags, vectors(tags, vectors), names, profiles,
                s == null ? null : s.question(), s == null ? null : s.comment(), s == null ? null : s.possibleChoices(),
                s == null ? null : s.selectedChoices(), quality);
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
                                List<String> original, RecordData.Score score, long batch) {
        List<String> capped = capped(original);
        boolean cut = original.size() > capped.size();
        for (int i = 0; i < capped.size() && !cut; i++) cut = !capped.get(i).equals(original.get(i));
        RecordData.TagResult result = new RecordData.TagResult(kept, capped, cut ? Boolean.TRUE : null, cut ? original.size() : null,
                vectors(kept, vectors));
        int windowIdx = task instanceof ConversationTask c ? c.windowIdx() : -1;
        return payload(RecordPayload.MINER, task.envelope().guid(), hotkey, uid, windowIdx, batch, bundleGuid,
                new RecordData.Answer(result, task, score));
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
        List<RecordData.Section> map = new ArrayList<>(sections.size());
        for (SkillSection s : sections) map.add(new RecordData.Section(printable(s.sectionId()), printable(s.title()), printable(s.description())));
        Map<String, float[]> vectors = new LinkedHashMap<>();
        sectionVectors.forEach((id, v) -> vectors.put(printable(id), v));
        return payload(RecordPayload.VALIDATOR, null, hotkey, uid, -1, batch, b.guid(), new RecordData.SkillGroundTruth(map, vectors));
    }

    /**
     * The miner record of a skill-coverage answer (CGP 2.37): {@code data.result} is the answer as
     * read ({@code skill}, {@code tdd_plan}, {@code section_tests}, every text {@link #printable})
     * with the validator's {@code skill_vector} and {@code test_vectors} of the scored sections
     * ({@code {section_id: [{name, description, assertion, vector, judged_correct}]}}).
     */
    public RecordPayload skillAnswer(String bundleGuid, Task task, String hotkey, int uid, String skill, String tddPlan,
                                     Map<String, List<SectionTest>> sectionTests, float[] skillVector,
                                     Map<String, List<TestRecord>> testVectors, RecordData.Score score, long batch) {
        Map<String, List<RecordData.SentTest>> sent = new LinkedHashMap<>();
        int total = 0;
        boolean whole = sectionTests.size() <= MAX_RECORDED_SECTIONS;
        for (Map.Entry<String, List<SectionTest>> e : sectionTests.entrySet()) {
            total += e.getValue().size();
            whole &= e.getValue().size() <= MAX_RECORDED_TESTS_PER_SECTION;
            if (sent.size() == MAX_RECORDED_SECTIONS) continue;
            List<RecordData.SentTest> a = new ArrayList<>();
            for (SectionTest t : e.getValue()) {
                if (a.size() == MAX_RECORDED_TESTS_PER_SECTION) break;
                a.add(new RecordData.SentTest(testText(t.name()), testText(t.description()), testText(t.assertion())));
            }
            sent.put(cut(e.getKey(), MAX_RECORDED_TAG_CHARS), a);
        }
        Map<String, List<RecordData.ScoredTest>> scored = new LinkedHashMap<>();
        testVectors.forEach((sid, tests) -> {
            List<RecordData.ScoredTest> a = new ArrayList<>();
            for (TestRecord t : tests) {
                if (a.size() == MAX_RECORDED_TESTS_PER_SECTION) break; // the judged and embedded ones come first
                a.add(new RecordData.ScoredTest(testText(t.name()), testText(t.description()), testText(t.assertion()), t.vector(),
                        t.judgedCorrect()));
            }
            scored.put(cut(sid, MAX_RECORDED_TAG_CHARS), a);
        });
        RecordData.SkillResult result = new RecordData.SkillResult(printable(skill), cut(tddPlan == null ? "" : tddPlan, MAX_RECORDED_PLAN_CHARS),
                sent, whole ? null : total, skillVector, scored); // a flood is recorded in part, and says so
        return payload(RecordPayload.MINER, task.envelope().guid(), hotkey, uid, -1, batch, bundleGuid, new RecordData.Answer(result, task, score));
    }

    /** One scored test as the scorer hands it over: its texts, its vector (null past the cap) and the judge's verdict. */
    public record TestRecord(String name, String description, String assertion, float[] vector, boolean judgedCorrect) {}

    private static String testText(String s) { return cut(s, MAX_RECORDED_TEST_CHARS); }

    /** {@link #printable} and at most {@code max} characters, "..." marking a cut. */
    private static String cut(String s, int max) {
        String clean = printable(s == null ? "" : s);
        return clean.length() <= max ? clean : clean.substring(0, max) + "...";
    }

    private RecordPayload payload(String neuronType, String taskId, String hotkey, int uid, int window, long batch, String bundleGuid,
                                  RecordData data) {
        return new RecordPayload(mode, model, embeddingsModel, null, llmType, RecordPayload.SCORING_VERSION, cgpVersion, netuid, hotkey,
                neuronType, taskId, batch, uid, window, RecordPayload.recordId(bundleGuid, taskId, hotkey, batch), data);
    }

    /** {@code {tag: {"vectors": [...]}}}, the live embedding dictionary (a repeated tag keeps its first place and its last vector). */
    static Map<String, RecordData.TagVector> vectors(List<String> tags, List<float[]> vectors) {
        Map<String, RecordData.TagVector> out = new LinkedHashMap<>();
        for (int i = 0; i < tags.size() && i < vectors.size(); i++) out.put(tags.get(i), new RecordData.TagVector(vectors.get(i)));
        return out;
    }
}
