package org.cgp.validator;

import java.util.List;
import java.util.Random;
import org.cgp.llm.LiveTagFilter;
import org.cgp.llm.LlmClient;
import org.cgp.validator.bundle.PreparedBundle;

/**
 * Which of a miner's tags count, as the live validators decide: for conversation, web page and
 * survey tasks the live tag filter (safe form, a random 20 when there are more, cut to 50, the
 * LLM's good/malformed check, then only tags equal to one the miner sent); for named entities the
 * entity filter (safe form and a random 20, no LLM). At most {@value #MAX_TAGS_READ} of an answer's
 * tags are read, so a flood of tags costs the validator nothing. Where the live code would fail the
 * whole step (nothing left after the safe form), this miner's answer simply keeps no tag.
 */
public final class TaskJudge {
    /** Tags of one answer read at most. */
    public static final int MAX_TAGS_READ = 200;

    private final LlmClient llm;
    private final Random random;

    public TaskJudge(LlmClient llm, Random random) {
        this.llm = llm;
        this.random = random;
    }

    /** The tags of {@code original} that survive, never null. */
    public List<String> keep(PreparedBundle bundle, List<String> original) {
        List<String> sent = original.size() > MAX_TAGS_READ ? original.subList(0, MAX_TAGS_READ) : original;
        if (bundle.namedEntities()) return LiveTagFilter.validateNamedEntities(sent, random);
        if (LiveTagFilter.cleanTagSet(sent).isEmpty()) return List.of();
        List<String> kept = LiveTagFilter.validateTagSet(sent, llm::classifyTags, random);
        return kept == null ? List.of() : kept;
    }
}
