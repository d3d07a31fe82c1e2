package org.cgp.validator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.skill.SkillRules;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.synapse.SectionTest;
import org.cgp.scoring.SkillCoverageScoring;
import org.cgp.validator.record.Records.TestRecord;
import org.cgp.validator.bundle.SkillCoverageTruth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A skill-coverage answer from the miner's bytes to its score, as the live validators do it (CGP
 * 2.37.74 {@code SkillCoverageEvaluationTaskBundle.format_results}, at 2741fa0): the skill cut to
 * 6000 characters; tests only under the scored section ids, each field cut (name 200, description
 * and assertion 1000); the first 6 per section judged in one call (at most 20), a missing verdict
 * being false and a failed or empty judge crediting no test (fail closed); one batch embedding of
 * the skill and of each judged test as {@code "description\nAssertion: assertion"} (the description
 * alone when the assertion is blank); tests past the cap kept without a vector or verdict (they
 * count, and set off the flooding penalty); then {@link SkillCoverageScoring}.
 */
final class SkillAnswerScorer {
    private static final Logger log = LoggerFactory.getLogger(SkillAnswerScorer.class);
    static final int MAX_SKILL_CHARS = SkillRules.MAX_SKILL_CHARS;
    static final int MAX_NAME_CHARS = SkillRules.MAX_NAME_CHARS;
    static final int MAX_FIELD_CHARS = SkillRules.MAX_TEXT_CHARS;
    static final int PER_SECTION_TEST_CAP = SkillCoverageScoring.FLOODING;
    static final int MAX_JUDGED_TESTS = 20;

    /** An answer scored: the score, the skill as read, its vector, the tests sent and the scored sections' tests. */
    record Scored(SkillCoverageScoring.Result result, String skill, float[] skillVector, int testsSent,
                  Map<String, List<TestRecord>> testVectors) {
        int judgedCorrect() {
            int n = 0;
            for (List<TestRecord> l : testVectors.values()) for (TestRecord t : l) if (t.judgedCorrect()) n++;
            return n;
        }
    }

    private final LlmClient llm;
    private final Embedder embedder;

    SkillAnswerScorer(LlmClient llm, Embedder embedder) {
        this.llm = llm;
        this.embedder = embedder;
    }

    Scored score(int uid, MinerOutput out, SkillCoverageTruth truth) {
        String skill = out.skill() == null ? "" : cut(out.skill(), MAX_SKILL_CHARS);
        Map<String, List<SectionTest>> sent = out.sectionTests() == null ? Map.of() : out.sectionTests();
        int testsSent = sent.values().stream().mapToInt(List::size).sum();
        Map<String, List<SectionTest>> tests = new LinkedHashMap<>();
        sent.forEach((sid, list) -> {
            if (!truth.sectionVectors().containsKey(sid)) return;
            List<SectionTest> clean = new ArrayList<>(list.size());
            for (SectionTest t : list) clean.add(new SectionTest(cut(t.name(), MAX_NAME_CHARS), cut(t.description(), MAX_FIELD_CHARS),
                    cut(t.assertion(), MAX_FIELD_CHARS)));
            tests.put(sid, clean);
        });
        Map<String, List<SectionTest>> eligible = new LinkedHashMap<>();
        tests.forEach((sid, list) -> eligible.put(sid, list.subList(0, Math.min(PER_SECTION_TEST_CAP, list.size()))));
        Map<String, Map<String, Boolean>> verdicts = judge(uid, skill, eligible, truth);

        List<String> texts = new ArrayList<>();
        boolean hasSkill = !skill.isBlank();
        if (hasSkill) texts.add(skill);
        Map<String, Map<Integer, Integer>> slot = new LinkedHashMap<>();
        eligible.forEach((sid, list) -> {
            for (int i = 0; i < list.size(); i++) {
                SectionTest t = list.get(i);
                String text = t.assertion().strip().isEmpty() ? t.description() : (t.description() + "\nAssertion: " + t.assertion()).strip();
                if (text.strip().isEmpty()) continue;
                slot.computeIfAbsent(sid, k -> new LinkedHashMap<>()).put(i, texts.size());
                texts.add(text);
            }
        });
        List<float[]> vectors = texts.isEmpty() ? List.of() : embedder.embedAll(texts);
        float[] skillVector = hasSkill ? vectors.get(0) : null;

        Map<String, List<TestRecord>> records = new LinkedHashMap<>();
        Map<String, List<SkillCoverageScoring.ScoredTest>> scored = new LinkedHashMap<>();
        tests.forEach((sid, list) -> {
            List<TestRecord> r = new ArrayList<>();
            List<SkillCoverageScoring.ScoredTest> s = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                SectionTest t = list.get(i);
                float[] v = null;
                boolean correct = false;
                if (i < PER_SECTION_TEST_CAP) {
                    Integer at = slot.getOrDefault(sid, Map.of()).get(i);
                    v = at == null ? null : vectors.get(at);
                    correct = Boolean.TRUE.equals(verdicts.getOrDefault(sid, Map.of()).get(t.name()));
                }
                r.add(new TestRecord(t.name(), t.description(), t.assertion(), v, correct));
                s.add(new SkillCoverageScoring.ScoredTest(v, correct));
            }
            records.put(sid, r);
            scored.put(sid, s);
        });
        return new Scored(SkillCoverageScoring.score(truth.sectionVectors(), scored, skillVector), skill, skillVector, testsSent, records);
    }

    /** One judge call over at most {@link #MAX_JUDGED_TESTS} tests; a failed or empty judge is no verdict at all. */
    private Map<String, Map<String, Boolean>> judge(int uid, String skill, Map<String, List<SectionTest>> eligible, SkillCoverageTruth truth) {
        if (eligible.isEmpty() || skill.isBlank()) return Map.of();
        Map<String, List<SectionTest>> capped = new LinkedHashMap<>();
        int remaining = MAX_JUDGED_TESTS;
        for (Map.Entry<String, List<SectionTest>> e : eligible.entrySet()) {
            if (remaining <= 0) break;
            List<SectionTest> take = e.getValue().subList(0, Math.min(remaining, e.getValue().size()));
            if (!take.isEmpty()) capped.put(e.getKey(), take);
            remaining -= take.size();
        }
        if (capped.isEmpty()) return Map.of();
        try {
            Map<String, Map<String, Boolean>> v = llm.judgeTests(skill, truth.evaluated(), capped);
            if (v == null || v.isEmpty()) {
                log.warn("The judge gave no verdicts for uid {}: no test of this answer is credited (fail closed)", uid);
                return Map.of();
            }
            return v;
        } catch (RuntimeException e) {
            log.warn("The judge failed for uid {} ({}): no test of this answer is credited (fail closed)", uid, e.getMessage());
            return Map.of();
        }
    }

    private static String cut(String s, int max) { return s == null ? "" : s.length() <= max ? s : s.substring(0, max); }
}
