package org.cgp.llm.remote;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.cgp.llm.LlmClient;
import org.cgp.llm.LlmException;
import org.cgp.llm.TagCleaner;
import org.cgp.llm.TaggingResult;
import org.cgp.llm.skill.SectionMaps;
import org.cgp.llm.skill.SkillBundle;
import org.cgp.llm.skill.SkillRules;
import org.cgp.llm.skill.SkillWriter;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.task.SkillSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link LlmClient} over a LangChain4j {@link ChatModel}: renders the prompt templates, sends
 * one system + one user message, parses the answer with {@link AnswerParser}. A failed call
 * (key missing or rejected, unknown model, retries exhausted) is an {@link LlmException} naming
 * the provider; an unusable answer is an empty result with a reason.
 */
public final class RemoteLlmClient implements LlmClient {
    private static final Logger log = LoggerFactory.getLogger(RemoteLlmClient.class);
    /** Parts of one webpage or entity task tagged at most (the live tasks carry up to 10). */
    static final int MAX_PARTS = 12;
    /** Threads for the parallel part calls; each only waits on HTTP. */
    private static final ExecutorService PARTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "llm-part");
        t.setDaemon(true);
        return t;
    });

    private final String provider;
    private final String model;
    private final ChatModel chat;
    private final String keyVariable;
    private final String key;

    /**
     * @param keyVariable the environment variable that holds the key, for error messages
     * @param key         only used to scrub it from error messages
     */
    RemoteLlmClient(String provider, String model, ChatModel chat, String keyVariable, String key) {
        this.provider = provider;
        this.model = model;
        this.chat = chat;
        this.keyVariable = keyVariable;
        this.key = key;
    }

    @Override public String provider() {
        return provider;
    }

    @Override public String model() {
        return model;
    }

    @Override public TaggingResult tagConversation(List<Line> lines, List<String> participants) {
        if (!hasText(lines)) return TaggingResult.empty("conversation has no text");
        List<String> names = names(lines, participants);
        String answer = call(Prompts.conversation(lines, names));
        TaggingResult result = AnswerParser.parse(answer, names);
        log.debug("{} {}: {} tags, {} profiles", provider, model, result.tags().size(), result.profiles().size());
        return result;
    }

    @Override public TaggingResult tagWindow(List<Line> lines, boolean coding) {
        if (!hasText(lines)) return TaggingResult.empty("window has no text");
        return limit(AnswerParser.parseWindow(call(Prompts.window(lines, coding))), coding ? Prompts.CODING_TAGS : TagCleaner.MAX_TAGS);
    }

    @Override public TaggingResult tagCodingConversation(List<Line> lines) {
        if (!hasText(lines)) return TaggingResult.empty("conversation has no text");
        return limit(AnswerParser.parseWindow(call(Prompts.window(lines, true))), Prompts.CODING_TAGS);
    }

    @Override public Integer conversationQuality(List<Line> lines) {
        if (!hasText(lines)) return null;
        return AnswerParser.integerField(call(Prompts.quality(lines)), "quality_score", 1, 10);
    }

    @Override public org.cgp.llm.QualityAssessment assessQuality(List<Line> lines) {
        if (!hasText(lines)) return null;
        return AnswerParser.qualityAssessment(call(Prompts.qualityAssessment(lines)));
    }

    @Override public String classifyTags(List<String> tags) {
        if (tags == null || tags.isEmpty()) return "";
        return AnswerParser.tagClasses(call(Prompts.classifyTags(tags)));
    }

    @Override public TaggingResult tagWebpage(String markdown, List<String> results, boolean coding) {
        List<String> prompts = new ArrayList<>();
        if (markdown != null && !markdown.isBlank()) prompts.add(Prompts.webpage(markdown, coding));
        for (String r : parts(results)) prompts.add(Prompts.searchResult(r, coding));
        if (prompts.isEmpty()) return TaggingResult.empty("the page and its results have no text");
        return combined(prompts, Prompts::combineTags);
    }

    @Override public TaggingResult tagSurvey(String question, String comment) {
        if (comment == null || comment.isBlank()) return TaggingResult.empty("the survey comment is empty");
        return limit(AnswerParser.parseWindow(call(Prompts.survey(question, comment))), TagCleaner.MAX_TAGS);
    }

    @Override public TaggingResult extractEntities(String transcript, List<String> enrichments) {
        List<String> prompts = new ArrayList<>();
        if (transcript != null && !transcript.isBlank()) prompts.add(Prompts.entitiesInTranscript(transcript));
        for (String e : parts(enrichments)) prompts.add(Prompts.entitiesInSnippet(e));
        if (prompts.isEmpty()) return TaggingResult.empty("the transcript and its snippets have no text");
        return combined(prompts, Prompts::combineEntities);
    }

    /** The window and each enrichment line, one call each at once, then one combine call (the window's list first). */
    @Override public TaggingResult tagEnrichedWindow(List<Line> window, List<String> enrichments, boolean coding) {
        List<String> prompts = new ArrayList<>();
        if (hasText(window)) prompts.add(Prompts.window(window, coding));
        for (String e : parts(enrichments)) prompts.add(Prompts.searchResult(e, coding));
        if (prompts.isEmpty()) return TaggingResult.empty("the window and its enrichment have no text");
        return combined(prompts, Prompts::combineTags);
    }

    @Override public TaggingResult tagEnrichment(String titleAndSnippet, boolean coding) {
        if (titleAndSnippet == null || titleAndSnippet.isBlank()) return TaggingResult.empty("the search result is empty");
        return limit(AnswerParser.parseWindow(call(Prompts.searchResult(titleAndSnippet, coding))), Prompts.RESULT_TAGS);
    }

    /** One combine call; when it gives nothing, the lists' tags in the order they came. */
    @Override public TaggingResult combineTags(List<List<String>> lists) {
        List<List<String>> nonEmpty = lists.stream().filter(l -> l != null && !l.isEmpty()).toList();
        if (nonEmpty.isEmpty()) return TaggingResult.empty("no tags to combine");
        if (nonEmpty.size() == 1) return limit(TaggingResult.of(nonEmpty.get(0), List.of()), TagCleaner.MAX_TAGS);
        TaggingResult merged = AnswerParser.parseWindow(call(Prompts.combineTags(nonEmpty)));
        if (!merged.tags().isEmpty()) return limit(merged, TagCleaner.MAX_TAGS);
        List<String> all = new ArrayList<>();
        nonEmpty.forEach(all::addAll);
        return TaggingResult.of(TagCleaner.clean(all, TagCleaner.MAX_TAGS), List.of());
    }

    @Override public TaggingResult tagSkill(String markdown) {
        if (markdown == null || markdown.isBlank()) return TaggingResult.empty("the skill document is empty");
        return limit(AnswerParser.parseWindow(call(Prompts.skill(markdown))), Prompts.SKILL_TAGS);
    }

    /**
     * One JSON call (the live miner's fast path: a skill, a plan and two tests per section at once,
     * well inside the validators' 12 s). An answer that does not parse, or leaves a section with
     * fewer than two tests, is replaced by the one written without a model, so the miner never
     * sends an empty or partial bundle; a call that fails for good still throws.
     */
    @Override public SkillBundle writeSkillBundle(String seed, List<SkillSection> sections) {
        SkillBundle fromModel = SkillAnswer.parse(call(Prompts.skillBundle(seed, sections)));
        if (fromModel != null) {
            SkillBundle tidy = SkillRules.tidy(fromModel, sections);
            if (SkillRules.complete(tidy, sections)) return tidy;
            log.info("The model's skill bundle is incomplete ({} tests for {} sections); answering with the written one",
                    tidy.testCount(), sections.size());
        } else {
            log.info("The model's skill bundle is not the JSON asked for; answering with the written one");
        }
        return SkillRules.tidy(SkillWriter.write(seed, sections), sections);
    }

    /** One JSON call; the sections of the answer with a usable id, or the written map when fewer than four are left. */
    @Override public List<SkillSection> sectionMap(String seed) {
        List<SkillSection> sections = SkillAnswer.sections(call(Prompts.sectionMap(seed)));
        if (sections.size() >= SectionMaps.MIN_SECTIONS) return sections.subList(0, Math.min(sections.size(), SectionMaps.MAX_SECTIONS));
        log.info("The model's section map has {} usable sections; using the one written from the request", sections.size());
        return SectionMaps.fromRequest(seed);
    }

    /** One JSON call for every test; an answer that does not parse is no verdicts (the caller fails closed). */
    @Override public Map<String, Map<String, Boolean>> judgeTests(String skill, List<SkillSection> sections,
                                                                 Map<String, List<org.cgp.protocol.synapse.SectionTest>> tests) {
        if (tests.isEmpty() || skill == null || skill.isBlank()) return Map.of();
        return SkillAnswer.verdicts(call(Prompts.judgeTests(skill, sections, tests)));
    }

    /**
     * One call per part, all at once (a part costs one model round trip, and the live validators
     * wait 12 s for the whole answer), then one call that merges the lists. With a single part
     * its own list is the answer.
     */
    private TaggingResult combined(List<String> partPrompts, Function<List<List<String>>, String> combinePrompt) {
        List<CompletableFuture<TaggingResult>> calls = new ArrayList<>();
        for (String p : partPrompts) calls.add(CompletableFuture.supplyAsync(() -> AnswerParser.parseWindow(call(p)), PARTS));
        List<List<String>> lists = new ArrayList<>();
        for (CompletableFuture<TaggingResult> c : calls) {
            TaggingResult r = join(c);
            if (!r.tags().isEmpty()) lists.add(r.tags());
        }
        if (lists.isEmpty()) return TaggingResult.empty("the model's answers had no usable tags");
        if (lists.size() == 1) return limit(TaggingResult.of(lists.get(0), List.of()), TagCleaner.MAX_TAGS);
        TaggingResult merged = AnswerParser.parseWindow(call(combinePrompt.apply(lists)));
        if (merged.tags().isEmpty()) { // the merge failed: the parts' tags, in the order they came
            List<String> all = new ArrayList<>();
            lists.forEach(all::addAll);
            return TaggingResult.of(TagCleaner.clean(all, TagCleaner.MAX_TAGS), List.of());
        }
        return limit(merged, TagCleaner.MAX_TAGS);
    }

    private static TaggingResult join(CompletableFuture<TaggingResult> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** The non-blank parts, at most {@link #MAX_PARTS}. */
    private static List<String> parts(List<String> texts) {
        List<String> out = new ArrayList<>();
        if (texts == null) return out;
        for (String t : texts) {
            if (out.size() == MAX_PARTS) break;
            if (t != null && !t.isBlank()) out.add(t);
        }
        return out;
    }

    private static TaggingResult limit(TaggingResult r, int max) {
        if (r.tags().size() <= max) return r;
        return new TaggingResult(r.tags().subList(0, max), r.profiles(), r.emptyReason());
    }

    private String call(String userPrompt) {
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(Prompts.system()), UserMessage.from(userPrompt))
                .build();
        try {
            ChatResponse response = chat.chat(request);
            return response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        } catch (AuthenticationException e) {
            throw new LlmException(provider, status(e), provider + " rejected the API key"
                    + (keyVariable == null ? "" : " (" + keyVariable + ")") + ": " + Redactor.redact(e.getMessage(), key), null);
        } catch (ModelNotFoundException e) {
            throw new LlmException(provider, status(e), provider + " does not know model '" + model + "': "
                    + Redactor.redact(e.getMessage(), key), null);
        } catch (RateLimitException e) {
            throw new LlmException(provider, status(e), provider + " is still rate-limiting after the retries: "
                    + Redactor.redact(e.getMessage(), key), null);
        } catch (RuntimeException e) {
            int status = status(e);
            throw new LlmException(provider, status, provider + " call failed" + (status > 0 ? " (HTTP " + status + ")" : "")
                    + ": " + Redactor.redact(e.getMessage(), key), null);
        }
    }

    private static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException h) return h.statusCode();
            if (t.getCause() == t) break;
        }
        return -1;
    }

    private static boolean hasText(List<Line> lines) {
        if (lines == null) return false;
        for (Line l : lines) if (l != null && !l.text().isBlank()) return true;
        return false;
    }

    /** The given names, extended with "speaker N" for speakers beyond the list. */
    private static List<String> names(List<Line> lines, List<String> participants) {
        List<String> names = new ArrayList<>(participants == null ? List.of() : participants);
        TreeSet<Integer> speakers = new TreeSet<>();
        for (Line l : lines) if (l != null) speakers.add(l.speaker());
        if (!speakers.isEmpty()) {
            for (int i = names.size(); i <= speakers.last(); i++) names.add(Prompts.speakerName(List.of(), i));
        }
        for (int i = 0; i < names.size(); i++) names.set(i, Prompts.speakerName(names, i));
        return names;
    }

    @Override public String toString() {
        return "RemoteLlmClient[" + provider + ", " + model + "]";
    }
}
