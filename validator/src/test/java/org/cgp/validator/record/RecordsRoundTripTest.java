package org.cgp.validator.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.ParticipantProfile;
import org.cgp.protocol.synapse.SectionTest;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.task.SkillSection;
import org.cgp.protocol.task.TaskType;
import org.cgp.protocol.task.Tasks;
import org.cgp.validator.bundle.BundleHeader;
import org.cgp.validator.bundle.ConversationBundle;
import org.cgp.validator.bundle.SurveyBundle;
import org.junit.jupiter.api.Test;

/**
 * Every shape of record, as the step builds it, read back from its JSON (what a spool replay does)
 * into the same type with the same fields, and written again byte for byte: the store writes from
 * the types, the CGP API gets the live JSON, and a spooled record loses nothing in between.
 */
class RecordsRoundTripTest {
    @Test
    void everyRecordShapeReadsBackIntoItsTypeAndWritesTheSameJson() throws Exception {
        Records r = new Records("test", "offline", "minilm", "offline", "2.37.74", 33);
        List<Object> out = new ArrayList<>();
        ConversationBundle conv = new ConversationBundle(new BundleHeader("b1", TaskType.CONVERSATION_TAGGING, "m", 1.4, "x", "i", List.of(), null, null),
                List.of("Ann", "Bob"), List.of(new Line(0, "hi")), null, null);
        out.add(r.groundTruth(conv, List.of("a", "b", "a"), List.of(new float[] {0.1f, -0.3333f}, new float[] {1e-8f, 3f}, new float[] {7f}),
                List.of(new ParticipantProfile("Ann", List.of("x"), List.of(), List.of("kind"))),
                new org.cgp.llm.QualityAssessment(7, 6.25, 5, 8, 9, org.cgp.llm.QualityAssessment.LLM), "5V", 0, 123));
        out.add(r.groundTruth(conv, List.of("a"), List.of(new float[] {0.5f}), List.of(), null, "5V", 0, 124));
        SurveyBundle survey = new SurveyBundle(new BundleHeader("b2", TaskType.SURVEY_TAGGING, "m", 1.4, "x", "i", List.of(), null, null),
                "q?", "comment", List.of("a", "b"), List.of("b"));
        out.add(r.groundTruth(survey, List.of("t"), List.of(), List.of(), null, "5V", 0, 125));
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 60; i++) flood.add("tag\u0000" + i + "x".repeat(i == 0 ? 300 : 1));
        var score = new RecordData.Score(200, 0.5, 0.25, 0.125, null);
        out.add(r.answer("b1", Tasks.conversation("t1", "b1", 2, List.of(new Line(0, "hi")), List.of("Ann"), List.of("c")), "5M", 3,
                List.of("kept", "kept2"), List.of(new float[] {0.25f}, new float[] {0.75f, 0.5f}), flood, score, 99));
        var score0 = new RecordData.Score(200, 0.0, 0.0, 0.0, "too few");
        out.add(r.answer("b2", Tasks.survey("t2", "b2", "q?", "c"), "5M", 3, List.of(), List.of(), List.of("a"), score0, 98));
        List<SkillSection> sections = List.of(new SkillSection("s1", "T1", "D1"), new SkillSection("s2\u0001", "T2", "D2"));
        Map<String, float[]> sv = new LinkedHashMap<>();
        sv.put("s1", new float[] {0.1f, 0.2f});
        out.add(r.skillGroundTruth(new ConversationBundle(new BundleHeader("b3", TaskType.SKILL_COVERAGE_EVALUATION, "m", 1.4, "x", "i", List.of(), null, null),
                List.of(), List.of(), null, null), sections, sv, "5V", 0, 126));
        Map<String, List<SectionTest>> tests = new LinkedHashMap<>();
        List<SectionTest> many = new ArrayList<>();
        for (int i = 0; i < 15; i++) many.add(new SectionTest("n" + i, "d" + "y".repeat(i == 0 ? 2000 : 1), "a" + i));
        tests.put("s1", many);
        for (int i = 0; i < 25; i++) tests.put("z" + i, List.of(new SectionTest("n", null, "")));
        Map<String, List<Records.TestRecord>> tv = new LinkedHashMap<>();
        List<Records.TestRecord> trs = new ArrayList<>();
        for (int i = 0; i < 14; i++) trs.add(new Records.TestRecord("n" + i, "d", "a", i < 6 ? new float[] {i} : null, i % 2 == 0));
        tv.put("s1", trs);
        out.add(r.skillAnswer("b3", Tasks.skillCoverage("t3", "b3", "seed", sections, List.of()), "5M", 4, "skill\u0000text", "plan".repeat(2000),
                tests, new float[] {0.5f}, tv, score, 97));
        out.add(r.skillAnswer("b3", Tasks.skillCoverage("t4", "b3", "seed", sections, List.of()), "5M", 4, "s", null,
                Map.of(), null, Map.of(), score0, 96));
        List<Class<?>> expected = List.of(RecordData.GroundTruth.class, RecordData.GroundTruth.class, RecordData.GroundTruth.class,
                RecordData.Answer.class, RecordData.Answer.class, RecordData.SkillGroundTruth.class, RecordData.Answer.class,
                RecordData.Answer.class);
        assertThat(out).hasSize(expected.size());
        for (int i = 0; i < out.size(); i++) {
            RecordPayload p = (RecordPayload) out.get(i);
            String json = WireJson.mapper().writeValueAsString(p);
            RecordPayload back = WireJson.mapper().readValue(json, RecordPayload.class);
            assertThat(back.data()).as("record %d", i).isInstanceOf(expected.get(i));
            assertThat(WireJson.mapper().writeValueAsString(back)).as("record %d", i).isEqualTo(json);
        }
        RecordData.GroundTruth truth = (RecordData.GroundTruth) WireJson.mapper().readValue(WireJson.mapper().writeValueAsString(out.get(0)),
                RecordPayload.class).data();
        assertThat(truth.quality()).isEqualTo(new org.cgp.llm.QualityAssessment(7, 6.3, 5, 8, 9, "llm"));
        assertThat(truth.quality().boringIndex()).as("10 - (0.4 * 6.3 + 0.4 * 5 + 0.2 * 7)").isEqualTo(4.1);
        assertThat(truth.profiles()).singleElement().satisfies(p -> assertThat(p.personalityTraits()).containsExactly("kind"));
        RecordData.Answer tags = (RecordData.Answer) ((RecordPayload) out.get(3)).data();
        assertThat(tags.result()).isInstanceOf(RecordData.TagResult.class);
        RecordData.Answer tagsBack = (RecordData.Answer) WireJson.mapper().readValue(WireJson.mapper().writeValueAsString(out.get(3)),
                RecordPayload.class).data();
        assertThat(tagsBack.task().type()).isEqualTo(TaskType.CONVERSATION_TAGGING);
        assertThat(tagsBack.task().envelope().guid()).isEqualTo("t1");
        assertThat(((RecordData.TagResult) tagsBack.result()).originalTagCount()).isEqualTo(60);
        assertThat(tagsBack.score().reward()).isEqualTo(0.125);
        RecordData.Answer skill = (RecordData.Answer) WireJson.mapper().readValue(WireJson.mapper().writeValueAsString(out.get(6)),
                RecordPayload.class).data();
        assertThat(skill.result()).isInstanceOfSatisfying(RecordData.SkillResult.class, res -> {
            assertThat(res.sectionTestCount()).as("a flood says how many were sent").isEqualTo(40);
            assertThat(res.sectionTests()).hasSize(Records.MAX_RECORDED_SECTIONS);
            assertThat(res.testVectors().get("s1")).hasSize(Records.MAX_RECORDED_TESTS_PER_SECTION);
            assertThat(res.skill()).isEqualTo("skill\uFFFDtext");
        });
        assertThat(skill.task().type()).isEqualTo(TaskType.SKILL_COVERAGE_EVALUATION);
    }
}
