package org.cgp.protocol.task;

/**
 * One task of the live subnet, as {@code cgp_input[0].task} carries it: the common
 * {@link TaskEnvelope} plus a typed view of {@code input.data} for its type. Parse and write with
 * {@link TaskCodec}; the six records are immutable.
 */
public sealed interface Task permits ConversationTask, WebpageTask, SurveyTask, NamedEntitiesTask, SkillGenerationTask,
        SkillCoverageTask {
    TaskEnvelope envelope();

    default TaskType type() { return envelope().type(); }

    /** Whether {@code input.input_categories} holds {@code coding}. */
    default boolean isCoding() { return envelope().input().isCoding(); }

    /** Characters of task text in total, for a miner's size limits. */
    int textLength();

    /** The longest single text (line, comment, question), for a miner's size limits. */
    int longestText();

    /** Hands this task to the {@code visitor}'s method for its type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per task type: whatever handles tasks by type implements this, so a type added to
     * the subnet is a compile error in every place that must learn it, never a cast that fails at run time.
     */
    interface Visitor<R> {
        R conversation(ConversationTask task);

        R webpage(WebpageTask task);

        R survey(SurveyTask task);

        R namedEntities(NamedEntitiesTask task);

        R skillGeneration(SkillGenerationTask task);

        R skillCoverage(SkillCoverageTask task);
    }
}
