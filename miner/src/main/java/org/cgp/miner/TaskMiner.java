package org.cgp.miner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.TaggingResult;
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
import org.cgp.protocol.task.SurveyTask;
import org.cgp.protocol.task.Task;
import org.cgp.protocol.task.TaskFormatException;
import org.cgp.protocol.task.WebpageTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The miner's forward function. A task packet ({@code cgp_input[0].task}, what the live validators
 * send) is parsed into its {@link Task} and mined by type: a conversation window (the coding
 * variant when its categories say so), a web page with its search results, a survey comment, or a
 * transcript's named entities. The seed packet ({@code {guid, window_idx, lines}}) is still a
 * conversation window.
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
        TaggingResult r = mine(task);
        List<String> tags = usableTags(r, task.type().wire());
        return request.withOutput(new MinerOutput(tags, embedTaskAnswers ? vectors(tags) : null, null));
    }

    private TaggingResult mine(Task task) {
        if (task instanceof ConversationTask c) {
            requireWindow(c.window());
            return llm.tagWindow(c.window(), c.isCoding());
        } else if (task instanceof WebpageTask w) {
            requireWindow(w.window());
            return llm.tagWebpage(w.markdown(), w.results(), w.isCoding());
        } else if (task instanceof SurveyTask s) {
            if (s.comment() == null || s.comment().isBlank()) throw refuse("the survey comment is empty");
            return llm.tagSurvey(s.question(), s.comment());
        } else if (task instanceof NamedEntitiesTask n) {
            requireWindow(n.window());
            return llm.extractEntities(n.transcript(), n.enrichments());
        }
        throw refuse("no miner for task type " + task.type()); // unreachable: Task is sealed
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
        if (task instanceof ConversationTask c) checkLines(c.window());
        else if (task instanceof WebpageTask w) checkLines(w.window());
        else if (task instanceof NamedEntitiesTask n) checkLines(n.window());
        if (task.longestText() > maxLineChars) {
            throw refuse("a text of " + task.longestText() + " characters; this miner accepts at most " + maxLineChars);
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
