package org.cgp.validator.bundle;

import java.util.List;
import org.cgp.protocol.synapse.Line;

/**
 * A conversation: its participants, its lines, the API's {@code min_convo_windows} (null when it
 * gives none: the live default of 1 applies) and, since CGP 2.33, the search results enriching it
 * ({@code data.enrichment.search_results}; empty when there are none).
 */
public record ConversationBundle(BundleHeader header, List<String> participants, List<Line> lines, Integer minConvoWindows,
                                 List<SearchQuery> searchResults) implements TaskBundle {
    public ConversationBundle {
        participants = participants == null ? List.of() : List.copyOf(participants);
        lines = List.copyOf(lines);
        searchResults = searchResults == null ? List.of() : List.copyOf(searchResults);
    }

    /** A conversation without enrichment. */
    public ConversationBundle(BundleHeader header, List<String> participants, List<Line> lines, Integer minConvoWindows) {
        this(header, participants, lines, minConvoWindows, List.of());
    }
}
