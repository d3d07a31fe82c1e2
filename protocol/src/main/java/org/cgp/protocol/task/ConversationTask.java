package org.cgp.protocol.task;

import java.util.List;
import org.cgp.protocol.synapse.Line;

/**
 * {@code conversation_tagging}: one window of a conversation ({@code data.window}, at most 10 lines
 * live), its index ({@code -1} when masked) and the participants ({@code []} when masked).
 */
public record ConversationTask(TaskEnvelope envelope, int windowIdx, List<Line> window, List<String> participants)
        implements Task {
    public ConversationTask {
        window = window == null ? List.of() : List.copyOf(window);
        participants = participants == null ? null : List.copyOf(participants);
    }

    @Override public int textLength() { return Lines.totalLength(window); }

    @Override public int longestText() { return Lines.longest(window); }
}
