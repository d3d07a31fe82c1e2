package org.cgp.protocol.task;

import java.util.List;
import org.cgp.protocol.synapse.Line;

/**
 * {@code webpage_metadata_generation}: line 0 of {@code data.window} is the page's markdown (its
 * first 1000 characters live), every later line one search result as {@code "title\nsnippet"}.
 */
public record WebpageTask(TaskEnvelope envelope, List<Line> window) implements Task {
    public WebpageTask {
        window = window == null ? List.of() : List.copyOf(window);
    }

    /** The page markdown (line 0), or "" when the window is empty. */
    public String markdown() { return window.isEmpty() ? "" : window.get(0).text(); }

    /** The search results after line 0, each {@code "title\nsnippet"}. */
    public List<String> results() { return Lines.textsAfterFirst(window); }

    @Override public int textLength() { return Lines.totalLength(window); }

    @Override public int longestText() { return Lines.longest(window); }

    @Override public <R> R accept(Visitor<R> visitor) { return visitor.webpage(this); }
}
