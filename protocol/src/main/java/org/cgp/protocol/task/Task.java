package org.cgp.protocol.task;

/**
 * One task of the live subnet, as {@code cgp_input[0].task} carries it: the common
 * {@link TaskEnvelope} plus a typed view of {@code input.data} for its type. Parse and write with
 * {@link TaskCodec}; the four records are immutable.
 */
public sealed interface Task permits ConversationTask, WebpageTask, SurveyTask, NamedEntitiesTask {
    TaskEnvelope envelope();

    default TaskType type() { return envelope().type(); }

    /** Whether {@code input.input_categories} holds {@code coding}. */
    default boolean isCoding() { return envelope().input().isCoding(); }

    /** Characters of task text in total, for a miner's size limits. */
    int textLength();

    /** The longest single text (line, comment, question), for a miner's size limits. */
    int longestText();
}
