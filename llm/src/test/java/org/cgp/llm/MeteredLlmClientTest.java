package org.cgp.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.cgp.protocol.synapse.Line;
import org.junit.jupiter.api.Test;

class MeteredLlmClientTest {
    /** A provider whose windows fail, whose surveys come back empty and whose web pages work. */
    static final class Flaky implements LlmClient {
        @Override public String provider() { return "flaky"; }
        @Override public String model() { return "m"; }
        @Override public TaggingResult tagConversation(List<Line> lines, List<String> participants) { return TaggingResult.of(List.of("a"), List.of()); }
        @Override public Integer conversationQuality(List<Line> lines) { return 7; }
        @Override public org.cgp.llm.QualityAssessment assessQuality(List<Line> lines) { return null; }
        @Override public String classifyTags(List<String> tags) { return ""; }
        @Override public TaggingResult tagWindow(List<Line> lines, boolean coding) { throw new LlmException("flaky", "retries exhausted"); }
        @Override public TaggingResult tagWebpage(String markdown, List<String> results, boolean coding) { return TaggingResult.of(List.of("web"), List.of()); }
        @Override public TaggingResult tagSurvey(String question, String comment) { return TaggingResult.empty("no usable answer"); }
        @Override public TaggingResult extractEntities(String transcript, List<String> enrichments) { return TaggingResult.of(List.of("Bern"), List.of()); }
        @Override public TaggingResult tagEnrichedWindow(List<Line> window, List<String> enrichments, boolean coding) { return tagWindow(window, coding); }
        @Override public TaggingResult tagSkill(String markdown) { return TaggingResult.of(List.of("docx"), List.of()); }
        @Override public TaggingResult tagEnrichment(String text, boolean coding) { return TaggingResult.of(List.of("result"), List.of()); }
        @Override public TaggingResult combineTags(List<List<String>> lists) { return TaggingResult.of(lists.get(0), List.of()); }
        @Override public org.cgp.llm.skill.SkillBundle writeSkillBundle(String seed, List<org.cgp.protocol.task.SkillSection> sections) {
            return new org.cgp.llm.skill.SkillBundle("# s", "plan", java.util.Map.of());
        }
        @Override public List<org.cgp.protocol.task.SkillSection> sectionMap(String seed) { return List.of(); }
        @Override public java.util.Map<String, java.util.Map<String, Boolean>> judgeTests(String skill,
                List<org.cgp.protocol.task.SkillSection> sections, java.util.Map<String, List<org.cgp.protocol.synapse.SectionTest>> tests) {
            return java.util.Map.of();
        }
    }

    @Test
    void timesEachCallByKindAndOutcomeAndCountsFailures() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LlmClient llm = MeteredLlmClient.wrap(new Flaky(), registry);
        assertThat(MeteredLlmClient.wrap(llm, registry)).as("wrapped once").isSameAs(llm);
        assertThat(registry.get("cgp_llm_errors").tag("provider", "flaky").counter().count()).isZero();
        assertThat(llm.tagWebpage("x", List.of(), false).tags()).containsExactly("web");
        assertThat(llm.tagSurvey("q", "c").tags()).isEmpty();
        assertThat(llm.classifyTags(List.of("a"))).isEmpty();
        assertThatThrownBy(() -> llm.tagWindow(List.of(new Line(0, "hi")))).isInstanceOf(LlmException.class);
        assertThat(registry.get("cgp_llm_request").tags("call", "webpage", "outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(registry.get("cgp_llm_request").tags("call", "survey", "outcome", "empty").timer().count()).isEqualTo(1);
        assertThat(registry.get("cgp_llm_request").tags("call", "classify_tags", "outcome", "empty").timer().count()).isEqualTo(1);
        assertThat(registry.get("cgp_llm_request").tags("call", "window", "outcome", "error").timer().count()).isEqualTo(1);
        assertThat(registry.get("cgp_llm_errors").tag("provider", "flaky").counter().count()).isEqualTo(1.0);
        assertThat(llm.provider()).isEqualTo("flaky");
    }
}
