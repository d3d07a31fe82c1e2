package org.cgp.miner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.TaggingResult;
import org.cgp.llm.skill.SkillBundle;
import org.cgp.protocol.axon.ForwardRefusedException;
import org.cgp.protocol.axon.SynapseHandler;
import org.cgp.protocol.synapse.CgInput;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.synapse.TagVector;
import org.cgp.protocol.synapse.WindowPacket;
import org.cgp.protocol.task.ConversationTask;
import org.cgp.protocol.task.NamedEntitiesTask;
import org.cgp.protocol.task.SkillCoverageTask;
import org.cgp.protocol.task.SkillGenerationTask;
import org.cgp.protocol.task.SurveyTask;
import org.cgp.protocol.task.Task;
import org.cgp.protocol.task.TaskFormatException;
import org.cgp.protocol.task.WebpageTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The miner's forward function. A task packet ({@code cgp_input[0].task}, what the live validators
 * send) is parsed into its {@link Task} and mined by type: a conversation window (the coding
 * variant when its categories say so, with its bundle's enrichment lines when it has them), a web
 * page with its search results, a survey comment, a transcript's named entities, a skill
 * document's tags, or a skill-coverage bundle (skill, TDD plan, tests per section). The seed
 * packet ({@code {guid, window_idx, lines}}) is still a conversation window.
 *
 * <p>Rules of the answer: its tags are in safe form (the LLM client's contract) and at most
 * {@code maxTags}; it never holds an empty tag list (a live validator's whole step fails on one),
 * so nothing usable is a 500 with the reason, which is also what a live miner answers for a task
 * it cannot mine. Task answers carry no vectors unless asked (live validators re-embed);
 * seed-packet answers carry them, as the validators that send seed packets read them.
 * Log lines name the type and sizes, never request text.
 */
public final class TaskMiner implements SynapseHandler<CgSynapse> {
    private static final Logger log = LoggerFactory.getLogger(TaskMiner.class);

    private final LlmClient llm;
    private final Embedder embedder;
    private final boolean embedTaskAnswers;
    private final int maxLines;
    private final int maxLineChars;
    private final int maxTags;

    /** @param embedder null to answer without vectors, seed packets included */
    public TaskMiner(LlmClient llm, Embedder embedder, MinerConfig config) {
        this.llm = llm;
        this.embedder = embedder;
        this.embedTaskAnswers = config.embeddings();
        this.maxLines = config.maxLines();
        this.maxLineChars = config.maxLineChars();
        this.maxTags = config.maxTags();
    }

    @Override public CgSynapse forward(CgSynapse request) {
        CgInput input = request.input();
        if (!input.isTaskPacket()) return answerSeed(request, input.window());
        Task task;
        try {
            task = input.parsedTask();
        } catch (TaskFormatException e) {
            log.info("Miner refused a task: {}", e.getMessage());
            throw ForwardRefusedException.internal("cannot mine this task: " + e.getMessage());
        }
        checkSize(task);
        log.info("Miner received {} task{}: {} characters", task.type(), task.isCoding() ? " (coding)" : "", task.textLength());
        return request.withOutput(task.accept(new Mining()));
    }

    /** How each task type is mined: the one place a new type must be added (the compiler says so). */
    private final class Mining implements Task.Visitor<MinerOutput> {
        @Override public MinerOutput conversation(ConversationTask c) {
            requireWindow(c.window());
            TaggingResult r = c.enrichments().isEmpty() ? llm.tagWindow(c.window(), c.isCoding())
                    : llm.tagEnrichedWindow(c.window(), c.enrichments(), c.isCoding());
            return tagged(r, c);
        }

        @Override public MinerOutput webpage(WebpageTask w) {
            requireWindow(w.window());
            return tagged(llm.tagWebpage(w.markdown(), w.results(), w.isCoding()), w);
        }

        @Override public MinerOutput survey(SurveyTask s) {
            if (s.comment() == null || s.comment().isBlank()) throw refuse("the survey comment is empty");
            return tagged(llm.tagSurvey(s.question(), s.comment()), s);
        }

        @Override public MinerOutput namedEntities(NamedEntitiesTask n) {
            requireWindow(n.window());
            return tagged(llm.extractEntities(n.transcript(), n.enrichments()), n);
        }

        @Override public MinerOutput skillGeneration(SkillGenerationTask g) {
            requireWindow(g.window());
            return tagged(llm.tagSkill(g.markdown()), g);
        }

        @Override public MinerOutput skillCoverage(SkillCoverageTask k) {
            if (k.sectionMap().isEmpty()) throw refuse("the section map is empty");
            SkillBundle b = llm.writeSkillBundle(k.seed(), k.sectionMap());
            log.info("Miner: wrote a skill of {} characters with {} tests for {} sections", b.skill().length(), b.testCount(),
                    k.sectionMap().size());
            return MinerOutput.skillBundle(b.skill(), b.tddPlan(), b.sectionTests());
        }

        private MinerOutput tagged(TaggingResult r, Task task) {
            List<String> tags = usableTags(r, task.type().wire());
            return new MinerOutput(tags, embedTaskAnswers ? vectors(tags) : null, null);
        }
    }

    private CgSynapse answerSeed(CgSynapse request, WindowPacket w) {
        checkLines(w.lines());
        log.info("Miner received window {} with {} conversation lines", w.windowIdx(), w.lines().size());
        TaggingResult r = llm.tagWindow(w.lines());
        List<String> tags = usableTags(r, "window");
        return request.withOutput(new MinerOutput(tags, vectors(tags), r.profiles()));
    }

    private List<String> usableTags(TaggingResult r, String what) {
        List<String> tags = r.tags().size() <= maxTags ? r.tags() : r.tags().subList(0, maxTags);
        if (tags.isEmpty()) {
            String reason = r.emptyReason() == null ? "the LLM gave no tags" : r.emptyReason();
            log.info("Miner: no usable tags for the {} ({})", what, reason);
            throw refuse("no usable tags: " + reason);
        }
        log.info("Miner: Mined {} tags", tags.size());
        log.debug("Miner tags: {}", tags);
        return tags;
    }

    private Map<String, TagVector> vectors(List<String> tags) {
        if (embedder == null) return null;
        List<float[]> v = embedder.embedAll(tags);
        Map<String, TagVector> out = new LinkedHashMap<>();
        for (int i = 0; i < tags.size(); i++) out.put(tags.get(i), new TagVector(v.get(i)));
        return out;
    }

    private void checkSize(Task task) {
        checkLines(task.accept(new Task.Visitor<List<Line>>() {
            @Override public List<Line> conversation(ConversationTask c) {
                List<Line> all = new java.util.ArrayList<>(c.window());
                if (c.enrichmentLines() != null) all.addAll(c.enrichmentLines());
                return all;
            }
            @Override public List<Line> webpage(WebpageTask w) { return w.window(); }
            @Override public List<Line> survey(SurveyTask s) { return List.of(); }
            @Override public List<Line> namedEntities(NamedEntitiesTask n) { return n.window(); }
            @Override public List<Line> skillGeneration(SkillGenerationTask g) { return g.window(); }
            @Override public List<Line> skillCoverage(SkillCoverageTask k) { return List.of(); }
        }));
        if (task.longestText() > maxLineChars) {
            throw refuse("a text of " + task.longestText() + " characters; this miner accepts at most " + maxLineChars);
        }
        if (task instanceof SkillCoverageTask k && k.sectionMap().size() > maxLines) {
            throw refuse("the section map has " + k.sectionMap().size() + " sections; this miner accepts at most " + maxLines);
        }
    }

    private void checkLines(List<Line> lines) {
        if (lines.size() > maxLines) throw refuse("the window has " + lines.size() + " lines; this miner accepts at most " + maxLines);
        for (Line l : lines) {
            if (l.text().length() > maxLineChars) {
                throw refuse("a line has " + l.text().length() + " characters; this miner accepts at most " + maxLineChars);
            }
        }
    }

    private static void requireWindow(List<Line> window) {
        for (Line l : window) if (!l.text().isBlank()) return;
        throw refuse("the window is empty");
    }

    private static ForwardRefusedException refuse(String why) {
        return ForwardRefusedException.internal(why);
    }
}
