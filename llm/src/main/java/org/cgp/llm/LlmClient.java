package org.cgp.llm;

import java.util.List;
import org.cgp.protocol.synapse.Line;

/**
 * Turns text into tags (and, for whole conversations, participant profiles), for each kind of task
 * the subnet sends. Implementations: the offline tagger and the LangChain4j-backed remote providers.
 *
 * <p>Tags come back in safe form ({@link TagCleaner}), at most {@link TagCleaner#MAX_TAGS}, most
 * important first: callers use them as they are. Empty or unusable input or answers give
 * {@link TaggingResult#empty(String)} with the reason; a remote call that fails for good (key
 * missing or rejected, unknown model, retries exhausted) throws {@link LlmException}.
 * Implementations are thread-safe.
 */
public interface LlmClient {
    /** Provider name for logs and the record payload, e.g. "offline", "openai". */
    String provider();

    /**
     * Gets ready for the first request: loads what would otherwise load on it (an in-process
     * model). Never calls a paid service; does nothing by default. A daemon calls it off the
     * critical path at start, and a failure here only means the first request loads it instead.
     */
    default void warmUp() {}

    /** Model name for logs and the record payload. */
    String model();

    /** Ground truth for a whole conversation: tags plus one profile per participant. */
    TaggingResult tagConversation(List<Line> lines, List<String> participants);

    /**
     * Ground truth for a coding conversation ({@code input_categories} holds {@code coding}): at
     * most 10 technical tags, no profiles.
     */
    default TaggingResult tagCodingConversation(List<Line> lines) {
        return tagWindow(lines, true);
    }

    /**
     * How readable a conversation transcript is, 1 (incomprehensible) to 10 (perfect), as the live
     * validators' quality gate asks; null when the answer cannot be read.
     */
    Integer conversationQuality(List<Line> lines);

    /**
     * The five-way quality assessment of a conversation for the dataset (relevance, engagement,
     * novelty, coherence, fluency, 0-10 each; see {@link QualityAssessment}); null when the lines
     * hold no text or the answer cannot be read. Not the live quality gate ({@link #conversationQuality}).
     */
    QualityAssessment assessQuality(List<Line> lines);

    /**
     * Sorts tags into good English keywords and malformed ones (compounds not in a dictionary,
     * abbreviations, typos), answered in the live validators' text form:
     * {@code "Good English keywords: a, b\nMalformed keywords: c"}; "" when there is no answer.
     */
    String classifyTags(List<String> tags);

    /** Tags for one conversation window; {@code coding} asks for at most 10 technical tags. */
    TaggingResult tagWindow(List<Line> lines, boolean coding);

    /** Tags for one conversation window, general topics. */
    default TaggingResult tagWindow(List<Line> lines) {
        return tagWindow(lines, false);
    }

    /**
     * Tags for a web page: its markdown and the search results about it ({@code "title\nsnippet"}),
     * each tagged, then combined into one list of at most 20.
     */
    TaggingResult tagWebpage(String markdown, List<String> results, boolean coding);

    /** Short evidence-based tags for a survey comment, in the comment's language. */
    TaggingResult tagSurvey(String question, String comment);

    /**
     * Named entities (people, organisations, places, laws, budgets, projects) of a transcript and
     * its enrichment snippets, each read, then combined into one list of at most 20.
     */
    TaggingResult extractEntities(String transcript, List<String> enrichments);

    /**
     * Tags for a conversation window of a bundle with search-result enrichment (CGP 2.33): the
     * window and each enrichment line ({@code "title\nsnippet"}) tagged, then combined into one list
     * of at most 20, the window's topics first.
     */
    TaggingResult tagEnrichedWindow(List<Line> window, List<String> enrichments, boolean coding);

    /** Tags of one search result ({@code "title\nsnippet"}) enriching a conversation; {@code coding} asks for technical ones. */
    TaggingResult tagEnrichment(String titleAndSnippet, boolean coding);

    /** Several tag lists merged into one of at most 20, the most important and recurring first. */
    TaggingResult combineTags(List<List<String>> lists);

    /** Tags of a skill document (skill_generation, CGP 2.35): its task, tools and concepts, at most 15. */
    TaggingResult tagSkill(String markdown);

    /**
     * A skill-coverage answer (CGP 2.37) for a skill request and its section map: a skill document,
     * a TDD plan and two tests per section, kept to {@link org.cgp.llm.skill.SkillRules}. Never
     * empty: when a model gives nothing usable the answer is written without it.
     */
    org.cgp.llm.skill.SkillBundle writeSkillBundle(String seed, List<org.cgp.protocol.task.SkillSection> sections);

    /**
     * A validator's section map for a skill request (skill_coverage_evaluation ground truth): 4 to 7
     * sections with unique snake_case ids. Never empty.
     */
    List<org.cgp.protocol.task.SkillSection> sectionMap(String seed);

    /**
     * The judge of a skill-coverage answer: per section id, per test name, whether its assertion is
     * a concrete claim true of the skill. Empty when the judge gives no verdicts; the caller then
     * credits no test (fail closed, as CGP 2741fa0 does).
     */
    java.util.Map<String, java.util.Map<String, Boolean>> judgeTests(String skill, List<org.cgp.protocol.task.SkillSection> sections,
                                                                     java.util.Map<String, List<org.cgp.protocol.synapse.SectionTest>> tests);
}
