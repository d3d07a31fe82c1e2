package org.cgp.validator.bundle;

import java.util.List;
import org.cgp.protocol.synapse.Line;

/**
 * A conversation: its participants, its lines, and the API's {@code min_convo_windows} (null when
 * it gives none: the live default of 1 applies).
 */
public record ConversationBundle(BundleHeader header, List<String> participants, List<Line> lines, Integer minConvoWindows)
        implements TaskBundle {
    public ConversationBundle {
        participants = participants == null ? List.of() : List.copyOf(participants);
        lines = List.copyOf(lines);
    }
}
