package org.cgp.protocol.task;

import java.util.List;
import org.cgp.protocol.synapse.Line;

/**
 * {@code conversation_tagging}: one window of a conversation ({@code data.window}, at most 10 lines
 * live), its index ({@code -1} when masked), the participants ({@code []} when masked) and, since
 * CGP 2.33, the bundle's search-result enrichment ({@code data.enrichment_lines}, each
 * {@code "title\nsnippet"}; null when the bundle has none), the same for every window.
 */
public record ConversationTask(TaskEnvelope envelope, int windowIdx, List<Line> window, List<String> participants,
                               List<Line> enrichmentLines) implements Task {
    public ConversationTask {
        window = window == null ? List.of() : List.copyOf(window);
        participants = participants == null ? null : List.copyOf(participants);
        enrichmentLines = enrichmentLines == null ? null : List.copyOf(enrichmentLines);
    }

    /** A window without enrichment. */
    public ConversationTask(TaskEnvelope envelope, int windowIdx, List<Line> window, List<String> participants) {
        this(envelope, windowIdx, window, participants, null);
    }

    /** The enrichment texts ({@code "title\nsnippet"}), empty when there are none. */
    public List<String> enrichments() {
        return enrichmentLines == null ? List.of() : enrichmentLines.stream().map(Line::text).toList();
    }

    @Override public int textLength() {
        return Lines.totalLength(window) + (enrichmentLines == null ? 0 : Lines.totalLength(enrichmentLines));
    }

    @Override public int longestText() {
        return Math.max(Lines.longest(window), enrichmentLines == null ? 0 : Lines.longest(enrichmentLines));
    }

    @Override public <R> R accept(Visitor<R> visitor) { return visitor.conversation(this); }
}
