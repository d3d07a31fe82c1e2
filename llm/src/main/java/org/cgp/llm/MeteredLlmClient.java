package org.cgp.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.cgp.protocol.synapse.Line;

/**
 * An {@link LlmClient} that meters the one it wraps, into any registry: {@code cgp_llm_request}
 * (a timer per call kind and outcome: ok, empty, error) and {@code cgp_llm_errors} (calls that
 * threw, per provider, there from the start at 0). Changes nothing else.
 */
public final class MeteredLlmClient implements LlmClient {
    /** Latency buckets for the request timer: a local model answers in milliseconds, a paid API in seconds. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final LlmClient inner;
    private final MeterRegistry registry;
    private final Counter errors;
    /** The request timer of each call kind and outcome, kept: no meter id is built per call. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private MeteredLlmClient(LlmClient inner, MeterRegistry registry) {
        this.inner = inner;
        this.registry = registry;
        this.errors = Counter.builder("cgp_llm_errors").description("LLM calls that failed for good").tag("provider", inner.provider())
                .register(registry);
    }

    public static LlmClient wrap(LlmClient inner, MeterRegistry registry) {
        return inner instanceof MeteredLlmClient ? inner : new MeteredLlmClient(inner, registry);
    }

    private <T> T timed(String call, Supplier<T> body) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T out = body.get();
            outcome = out == null || (out instanceof TaggingResult r && r.tags().isEmpty()) || (out instanceof String s && s.isEmpty())
                    ? "empty" : "ok";
            return out;
        } catch (RuntimeException e) {
            errors.increment();
            throw e;
        } finally {
            String o = outcome;
            timers.computeIfAbsent(call + "/" + o, k -> Timer.builder("cgp_llm_request").description("Time per LLM call")
                            .tag("provider", inner.provider()).tag("call", call).tag("outcome", o).serviceLevelObjectives(BUCKETS)
                            .register(registry))
                    .record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override public String provider() { return inner.provider(); }

    @Override public String model() { return inner.model(); }

    @Override public void warmUp() { inner.warmUp(); }

    @Override public TaggingResult tagConversation(List<Line> lines, List<String> participants) {
        return timed("conversation", () -> inner.tagConversation(lines, participants));
    }

    @Override public TaggingResult tagCodingConversation(List<Line> lines) {
        return timed("coding_conversation", () -> inner.tagCodingConversation(lines));
    }

    @Override public Integer conversationQuality(List<Line> lines) { return timed("quality", () -> inner.conversationQuality(lines)); }

    @Override public QualityAssessment assessQuality(List<Line> lines) { return timed("quality_assessment", () -> inner.assessQuality(lines)); }

    @Override public String classifyTags(List<String> tags) { return timed("classify_tags", () -> inner.classifyTags(tags)); }

    @Override public TaggingResult tagWindow(List<Line> lines, boolean coding) { return timed("window", () -> inner.tagWindow(lines, coding)); }

    @Override public TaggingResult tagWindow(List<Line> lines) { return timed("window", () -> inner.tagWindow(lines)); }

    @Override public TaggingResult tagWebpage(String markdown, List<String> results, boolean coding) {
        return timed("webpage", () -> inner.tagWebpage(markdown, results, coding));
    }

    @Override public TaggingResult tagSurvey(String question, String comment) { return timed("survey", () -> inner.tagSurvey(question, comment)); }

    @Override public TaggingResult extractEntities(String transcript, List<String> enrichments) {
        return timed("entities", () -> inner.extractEntities(transcript, enrichments));
    }

    @Override public TaggingResult tagEnrichedWindow(List<Line> window, List<String> enrichments, boolean coding) {
        return timed("enriched_window", () -> inner.tagEnrichedWindow(window, enrichments, coding));
    }

    @Override public TaggingResult tagSkill(String markdown) { return timed("skill", () -> inner.tagSkill(markdown)); }

    @Override public org.cgp.llm.skill.SkillBundle writeSkillBundle(String seed, List<org.cgp.protocol.task.SkillSection> sections) {
        return timed("skill_bundle", () -> inner.writeSkillBundle(seed, sections));
    }

    @Override public List<org.cgp.protocol.task.SkillSection> sectionMap(String seed) { return timed("section_map", () -> inner.sectionMap(seed)); }

    @Override public java.util.Map<String, java.util.Map<String, Boolean>> judgeTests(String skill, List<org.cgp.protocol.task.SkillSection> sections,
            java.util.Map<String, List<org.cgp.protocol.synapse.SectionTest>> tests) {
        return timed("judge_tests", () -> inner.judgeTests(skill, sections, tests));
    }

    @Override public TaggingResult tagEnrichment(String titleAndSnippet, boolean coding) {
        return timed("enrichment", () -> inner.tagEnrichment(titleAndSnippet, coding));
    }

    @Override public TaggingResult combineTags(List<List<String>> lists) { return timed("combine", () -> inner.combineTags(lists)); }
}
