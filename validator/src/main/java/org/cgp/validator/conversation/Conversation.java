package org.cgp.validator.conversation;

import java.util.List;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.task.TaskType;
import org.cgp.protocol.task.Tasks;
import org.cgp.validator.bundle.BundleHeader;
import org.cgp.validator.bundle.ConversationBundle;

/** A reserved conversation: its exact guid, participant names (default p1, p2) and lines. */
public record Conversation(Guid guid, List<String> participants, List<Line> lines) {
    public static final List<String> DEFAULT_PARTICIPANTS = List.of("p1", "p2");

    public Conversation {
        participants = participants == null || participants.isEmpty() ? DEFAULT_PARTICIPANTS : List.copyOf(participants);
        lines = List.copyOf(lines);
    }

    /** This conversation as a conversation bundle (no categories, the live minimum of windows). */
    public ConversationBundle asBundle() {
        BundleHeader h = new BundleHeader(guid.value(), TaskType.CONVERSATION_TAGGING, Tasks.MODE, null, null, guid.value(), null, null, null);
        return new ConversationBundle(h, participants, lines, null);
    }

    /** The same conversation cut to at most {@code maxLines} lines (MAX_CONVO_LINES, 300). */
    public Conversation trimmedTo(int maxLines) {
        return lines.size() <= maxLines ? this : new Conversation(guid, participants, lines.subList(0, maxLines));
    }
}
