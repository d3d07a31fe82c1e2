package org.cgp.validator;

import java.util.List;
import org.cgp.protocol.synapse.Guid;

/**
 * What one validator step did: the bundles it prepared, the tasks it sent ({@code windows}, in
 * order) and, when it did not complete, why ({@code skipped}). {@code conversation} and
 * {@code groundTruthTags} are those of the first bundle, for logs; {@code windowCount} is the
 * number of tasks the bundles gave.
 */
public record StepReport(Guid conversation, List<String> groundTruthTags, int windowCount, List<WindowOutcome> windows,
                         String skipped, List<String> bundleGuids) {
    public StepReport {
        groundTruthTags = List.copyOf(groundTruthTags);
        windows = List.copyOf(windows);
        bundleGuids = List.copyOf(bundleGuids);
    }

    public boolean succeeded() { return skipped == null && !windows.isEmpty(); }

    /** Whether any miner answered (200) in this step; a step where none did is waited after, like a failed one. */
    public boolean anyAnswer() {
        return windows.stream().anyMatch(w -> w.results().stream().anyMatch(r -> r.status() == 200));
    }

    public static StepReport skipped(Guid conversation, String reason) {
        return new StepReport(conversation, List.of(), 0, List.of(), reason, List.of());
    }
}
