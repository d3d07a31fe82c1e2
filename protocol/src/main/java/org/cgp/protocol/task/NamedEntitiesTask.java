package org.cgp.protocol.task;

import java.util.List;
import org.cgp.protocol.synapse.Line;

/**
 * {@code named_entities_extraction}: line 0 of {@code data.window} is a transcript (its first 1000
 * characters live), every later line an enrichment snippet {@code "title\nsnippet"}.
 */
public record NamedEntitiesTask(TaskEnvelope envelope, int windowIdx, List<Line> window) implements Task {
    public NamedEntitiesTask {
        window = window == null ? List.of() : List.copyOf(window);
    }

    /** The transcript (line 0), or "" when the window is empty. */
    public String transcript() { return window.isEmpty() ? "" : window.get(0).text(); }

    /** The enrichment snippets after line 0. */
    public List<String> enrichments() { return Lines.textsAfterFirst(window); }

    @Override public int textLength() { return Lines.totalLength(window); }

    @Override public int longestText() { return Lines.longest(window); }

    @Override public <R> R accept(Visitor<R> visitor) { return visitor.namedEntities(this); }
}
