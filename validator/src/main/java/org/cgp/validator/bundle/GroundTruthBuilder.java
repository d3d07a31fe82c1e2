package org.cgp.validator.bundle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.TaggingResult;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.task.SkillSection;
import org.cgp.protocol.task.Task;
import org.cgp.protocol.task.TaskEnvelope;
import org.cgp.protocol.task.Tasks;
import org.cgp.scoring.GroundTruth;
import org.cgp.scoring.ScoringMechanism;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bundle's setup, per type, as the live validators do it:
 * <ul>
 *   <li>conversation: trimmed to {@code MAX_CONVO_LINES}; {@link LiveWindows}; needs more windows
 *       than the bundle's {@code min_convo_windows} (default 1) and the LLM's quality score must reach
 *       the threshold ({@code CONVO_QUALITY_THRESHOLD}, 5), unless a user asked for it; ground truth
 *       from the whole conversation (the coding prompt when its categories hold {@code coding}),
 *       combined with the tags of 1 to 3 sampled search results per query when it has enrichment
 *       (those results go to every window as its enrichment lines); up to {@code tasksPerBundle}
 *       (5) windows at random become tasks;</li>
 *   <li>web page: the first 1000 characters of the markdown and, per search query, 1 to 3 results
 *       at random ({@code "title\nsnippet"}, 1000 characters at most) are tagged and combined; the
 *       miners get the same texts, 5 identical tasks;</li>
 *   <li>survey: the selected choices <em>are</em> the ground truth; 5 identical tasks carry the
 *       question and the comment;</li>
 *   <li>named entities: the first 1000 characters of the transcript and sampled search results,
 *       read for entities and combined; 5 identical tasks;</li>
 *   <li>skill document: the first 1000 characters of its markdown, tagged; 5 identical tasks;</li>
 *   <li>skill-coverage request: a section map from the LLM, three sections of it drawn to be scored
 *       and embedded; 5 identical tasks with the whole map.</li>
 * </ul>
 * Ground-truth tags are embedded by the validator's embedder. A bundle that cannot be prepared is
 * logged with its guid and skipped.
 */
public final class GroundTruthBuilder {
    private static final Logger log = LoggerFactory.getLogger(GroundTruthBuilder.class);
    /** Characters of a page, a transcript or one search result used at most. */
    public static final int PART_CHARS = 1000;
    /** Search results sampled per query at most. */
    public static final int RESULTS_PER_QUERY = 3;
    /** Identical tasks the live validators cut from a web page, survey or entity bundle. */
    static final int LIVE_COPIES = 5;
    /** Ground-truth tags a conversation needs at least (fewer make scoring meaningless). */
    public static final int MIN_CONVERSATION_TAGS = 3;

    private final LlmClient llm;
    private final Embedder embedder;
    private final Random random;
    private final int maxConvoLines;
    private final int qualityThreshold;
    private final int tasksPerBundle;

    /** @param tasksPerBundle tasks cut from one bundle at most (the live {@code number_of_task_per_bundle}, 5) */
    public GroundTruthBuilder(LlmClient llm, Embedder embedder, Random random, int maxConvoLines, int qualityThreshold, int tasksPerBundle) {
        this.llm = llm;
        this.embedder = embedder;
        this.random = random;
        this.maxConvoLines = maxConvoLines;
        this.qualityThreshold = qualityThreshold;
        this.tasksPerBundle = tasksPerBundle;
    }

    /** The prepared bundle, or empty when it cannot be used (the reason is logged with its guid). */
    public Optional<PreparedBundle> prepare(TaskBundle b) {
        if (b instanceof ConversationBundle c) return conversation(c);
        if (b instanceof WebpageBundle w) return webpage(w);
        if (b instanceof SurveyBundle s) return survey(s);
        if (b instanceof SkillGenerationBundle g) return skillGeneration(g);
        if (b instanceof SkillCoverageBundle k) return skillCoverage(k);
        return namedEntities((NamedEntitiesBundle) b);
    }

    /**
     * A section map for the request from the LLM, at most three of its sections drawn at random to
     * be scored (the same for every miner of the bundle) and embedded as {@code "title: description"}
     * in one call; every miner gets the whole map, 5 identical tasks (CGP 2.37).
     */
    private Optional<PreparedBundle> skillCoverage(SkillCoverageBundle b) {
        List<SkillSection> sections = llm.sectionMap(b.seed());
        if (sections.isEmpty()) {
            log.warn("Skipping skill-coverage bundle {}: no section map", b.guid());
            return Optional.empty();
        }
        List<SkillSection> drawn = new ArrayList<>(sections);
        Collections.shuffle(drawn, random);
        drawn = drawn.subList(0, Math.min(SkillCoverageTruth.MAX_EVALUATED_SECTIONS, drawn.size()));
        List<float[]> vectors = embedder.embedAll(drawn.stream().map(s -> s.title() + ": " + s.description()).toList());
        java.util.Map<String, float[]> sectionVectors = new java.util.LinkedHashMap<>();
        for (int i = 0; i < drawn.size(); i++) sectionVectors.put(drawn.get(i).sectionId(), vectors.get(i));
        log.info("Section map of {} sections for skill request {}; scoring {}", sections.size(), b.guid(), sectionVectors.keySet());
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < copies(); i++) {
            tasks.add(inBundle(b, Tasks.skillCoverage(newId(), b.guid(), b.seed(), sections, b.header().inputCategories())));
        }
        return Optional.of(new PreparedBundle(b, new GroundTruth(List.of(), List.of()), List.of(), tasks, ScoringMechanism.GROUND_TRUTH, false,
                new SkillCoverageTruth(sections, sectionVectors)));
    }

    /** The first 1000 characters of the skill document, tagged; 5 identical tasks carry them (CGP 2.35). */
    private Optional<PreparedBundle> skillGeneration(SkillGenerationBundle b) {
        String markdown = cut(b.markdown());
        TaggingResult r = llm.tagSkill(markdown);
        if (r.tags().isEmpty()) {
            log.warn("Skipping skill bundle {}: no ground-truth tags{}", b.guid(), reason(r));
            return Optional.empty();
        }
        log.info("Found {} ground-truth tags for skill document {}", r.tags().size(), b.guid());
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < copies(); i++) tasks.add(inBundle(b, Tasks.skillGeneration(newId(), b.guid(), markdown, b.header().inputCategories())));
        return Optional.of(prepared(b, r, tasks, ScoringMechanism.GROUND_TRUTH, false));
    }

    private Optional<PreparedBundle> conversation(ConversationBundle b) {
        List<Line> lines = b.lines().size() > maxConvoLines ? b.lines().subList(0, maxConvoLines) : b.lines();
        List<List<Line>> windows = LiveWindows.windows(lines);
        boolean asked = b.header().userRequest();
        int min = b.minConvoWindows() != null && b.minConvoWindows() >= 0 ? b.minConvoWindows() : LiveWindows.MIN_WINDOWS;
        if (!asked && windows.size() <= min) {
            log.warn("Not enough convo windows in {} -- only {} ({} lines, {} needed). Passing.", b.guid(), windows.size(), lines.size(), min + 1);
            return Optional.empty();
        }
        if (windows.isEmpty()) {
            log.warn("Conversation {} has no window to send. Passing.", b.guid());
            return Optional.empty();
        }
        if (!asked) {
            Integer quality = llm.conversationQuality(lines);
            if (quality == null || quality < qualityThreshold) {
                log.warn("Conversation {} did not pass the quality check (score {}, threshold {}). Skipping.", b.guid(),
                        quality == null ? "unreadable" : quality, qualityThreshold);
                return Optional.empty();
            }
        } else {
            log.info("Conversation {} is a user request: no quality check, no window minimum", b.guid());
        }
        log.info("Execute generate_full_convo_metadata for participants {}", b.participants());
        TaggingResult r = b.isCoding() ? llm.tagCodingConversation(lines) : llm.tagConversation(lines, b.participants());
        log.info("Found {} tags in FullConvo", r.tags().size());
        log.debug("FullConvo tags: {}", r.tags());
        if (r.tags().size() < MIN_CONVERSATION_TAGS) {
            log.warn("Skipping conversation {}: only {} clean tags{}", b.guid(), r.tags().size(), reason(r));
            return Optional.empty();
        }
        List<Line> enrichmentLines = null;
        if (!b.searchResults().isEmpty()) { // CGP 2.33: sampled results tagged, and combined with the conversation's tags
            List<String> results = sample(b.searchResults());
            enrichmentLines = new ArrayList<>();
            List<List<String>> sets = new ArrayList<>(List.of(r.tags()));
            for (String text : results) {
                enrichmentLines.add(new Line(enrichmentLines.size(), text));
                TaggingResult e = llm.tagEnrichment(text, b.isCoding());
                if (!e.tags().isEmpty()) sets.add(e.tags());
            }
            if (sets.size() > 1) {
                TaggingResult combined = llm.combineTags(sets);
                if (combined.tags().isEmpty()) {
                    log.warn("Skipping conversation {}: combining its tags with its enrichment's gave none{}", b.guid(), reason(combined));
                    return Optional.empty();
                }
                r = TaggingResult.of(combined.tags(), r.profiles());
            }
            log.info("Found {} tags with {} enrichment lines", r.tags().size(), enrichmentLines.size());
        }
        log.info("Found {} conversation windows. Sequentially sending to batches of miners", windows.size());
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) picked.add(i);
        if (picked.size() > tasksPerBundle) {
            Collections.shuffle(picked, random);
            picked = new ArrayList<>(picked.subList(0, tasksPerBundle));
            Collections.sort(picked);
        }
        List<Task> tasks = new ArrayList<>();
        for (int idx : picked) {
            tasks.add(inBundle(b, Tasks.conversation(newId(), b.guid(), idx, windows.get(idx), List.of(), b.header().inputCategories(), enrichmentLines)));
        }
        return Optional.of(prepared(b, r, tasks, ScoringMechanism.GROUND_TRUTH, false));
    }

    private Optional<PreparedBundle> webpage(WebpageBundle b) {
        String page = cut(b.markdown());
        List<String> results = sample(b.searchResults());
        TaggingResult r = llm.tagWebpage(page, results, b.isCoding());
        if (r.tags().isEmpty()) {
            log.warn("Skipping webpage bundle {}: no ground-truth tags{}", b.guid(), reason(r));
            return Optional.empty();
        }
        log.info("Found {} ground-truth tags for webpage {} ({} search results)", r.tags().size(), b.guid(), results.size());
        List<Line> window = window(page, results);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < copies(); i++) tasks.add(inBundle(b, Tasks.webpage(newId(), b.guid(), window, b.header().inputCategories())));
        return Optional.of(prepared(b, r, tasks, ScoringMechanism.GROUND_TRUTH, false));
    }

    private Optional<PreparedBundle> survey(SurveyBundle b) {
        if (b.comment().isBlank()) {
            log.warn("Skipping survey bundle {}: the comment is empty", b.guid());
            return Optional.empty();
        }
        log.info("Found {} selected choices as ground truth for survey {}", b.selectedChoices().size(), b.guid());
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < copies(); i++) tasks.add(inBundle(b, Tasks.survey(newId(), b.guid(), b.question(), b.comment())));
        return Optional.of(prepared(b, TaggingResult.of(b.selectedChoices(), List.of()), tasks, ScoringMechanism.SURVEY, false));
    }

    private Optional<PreparedBundle> namedEntities(NamedEntitiesBundle b) {
        String transcript = cut(b.transcript());
        List<String> results = sample(b.searchResults());
        TaggingResult r = llm.extractEntities(transcript, results);
        if (r.tags().isEmpty()) {
            log.warn("Skipping named-entity bundle {}: no entities{}", b.guid(), reason(r));
            return Optional.empty();
        }
        log.info("Found {} ground-truth entities for document {} ({} search results)", r.tags().size(), b.guid(), results.size());
        List<Line> window = window(transcript, results);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < copies(); i++) tasks.add(inBundle(b, Tasks.namedEntities(newId(), b.guid(), -1, window)));
        return Optional.of(prepared(b, r, tasks, ScoringMechanism.NO_PENALTY, true));
    }

    /** Per query, 1 to 3 results at random, as {@code "title\nsnippet"} cut to 1000 characters; blank ones left out. */
    private List<String> sample(List<SearchQuery> queries) {
        List<String> out = new ArrayList<>();
        for (SearchQuery q : queries) {
            if (q.results().isEmpty()) continue;
            List<SearchQuery.Result> rs = new ArrayList<>(q.results());
            Collections.shuffle(rs, random);
            int n = 1 + random.nextInt(Math.min(RESULTS_PER_QUERY, rs.size()));
            for (SearchQuery.Result r : rs.subList(0, n)) {
                String text = cut(r.text());
                if (!text.isBlank()) out.add(text);
            }
        }
        return out;
    }

    /** {@code [[0, head], [0, result 0], [1, result 1], ...]}: the live window, with its two 0 indices. */
    private static List<Line> window(String head, List<String> results) {
        List<Line> w = new ArrayList<>();
        w.add(new Line(0, head));
        for (int i = 0; i < results.size(); i++) w.add(new Line(i, results.get(i)));
        return w;
    }

    private PreparedBundle prepared(TaskBundle b, TaggingResult r, List<Task> tasks, ScoringMechanism mechanism, boolean entities) {
        GroundTruth truth = new GroundTruth(r.tags(), embedder.embedAll(r.tags()));
        return new PreparedBundle(b, truth, r.profiles(), tasks, mechanism, entities);
    }

    /** The task under its bundle's mode, api version, mechanism, prompt chain and example output. */
    private static Task inBundle(TaskBundle b, Task t) {
        BundleHeader h = b.header();
        TaskEnvelope e = t.envelope();
        TaskEnvelope env = new TaskEnvelope(h.mode() == null ? e.mode() : h.mode(), h.apiVersion() == null ? e.apiVersion() : h.apiVersion(),
                e.guid(), e.bundleGuid(), e.type(), h.scoringMechanism() == null ? e.scoringMechanism() : h.scoringMechanism(),
                e.input().withGuid(h.inputGuid() == null ? b.guid() : h.inputGuid()), h.promptChain(), h.exampleOutput(), java.util.Map.of());
        return Tasks.withEnvelope(t, env);
    }

    /** Identical tasks of a web page, survey or entity bundle: as many as windows would be, at most the live 5. */
    private int copies() { return Math.min(tasksPerBundle, LIVE_COPIES); }

    private static String newId() { return UUID.randomUUID().toString(); }

    private static String cut(String s) { return s == null ? "" : s.length() <= PART_CHARS ? s : s.substring(0, PART_CHARS); }

    private static String reason(TaggingResult r) { return r.emptyReason() == null ? "" : " (" + r.emptyReason() + ")"; }
}
