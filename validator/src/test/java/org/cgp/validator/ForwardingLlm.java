package org.cgp.validator;

import java.util.List;
import java.util.Map;
import org.cgp.llm.LlmClient;
import org.cgp.llm.QualityAssessment;
import org.cgp.llm.TaggingResult;
import org.cgp.llm.skill.SkillBundle;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.SectionTest;
import org.cgp.protocol.task.SkillSection;

/** An LLM client that hands every call to another (tests override the calls they watch or break). */
class ForwardingLlm implements LlmClient {
    final LlmClient inner;

    ForwardingLlm(LlmClient inner) { this.inner = inner; }

    @Override public String provider() { return inner.provider(); }
    @Override public String model() { return inner.model(); }
    @Override public TaggingResult tagConversation(List<Line> lines, List<String> participants) { return inner.tagConversation(lines, participants); }
    @Override public Integer conversationQuality(List<Line> lines) { return inner.conversationQuality(lines); }
    @Override public QualityAssessment assessQuality(List<Line> lines) { return inner.assessQuality(lines); }
    @Override public String classifyTags(List<String> tags) { return inner.classifyTags(tags); }
    @Override public TaggingResult tagWindow(List<Line> lines, boolean coding) { return inner.tagWindow(lines, coding); }
    @Override public TaggingResult tagWebpage(String markdown, List<String> results, boolean coding) { return inner.tagWebpage(markdown, results, coding); }
    @Override public TaggingResult tagSurvey(String question, String comment) { return inner.tagSurvey(question, comment); }
    @Override public TaggingResult extractEntities(String transcript, List<String> enrichments) { return inner.extractEntities(transcript, enrichments); }
    @Override public TaggingResult tagEnrichedWindow(List<Line> window, List<String> enrichments, boolean coding) {
        return inner.tagEnrichedWindow(window, enrichments, coding);
    }
    @Override public TaggingResult tagEnrichment(String text, boolean coding) { return inner.tagEnrichment(text, coding); }
    @Override public TaggingResult combineTags(List<List<String>> lists) { return inner.combineTags(lists); }
    @Override public TaggingResult tagSkill(String markdown) { return inner.tagSkill(markdown); }
    @Override public SkillBundle writeSkillBundle(String seed, List<SkillSection> sections) { return inner.writeSkillBundle(seed, sections); }
    @Override public List<SkillSection> sectionMap(String seed) { return inner.sectionMap(seed); }
    @Override public Map<String, Map<String, Boolean>> judgeTests(String skill, List<SkillSection> sections, Map<String, List<SectionTest>> tests) {
        return inner.judgeTests(skill, sections, tests);
    }
}
