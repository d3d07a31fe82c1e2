package org.cgp.validator;

import java.util.List;
import org.cgp.protocol.task.TaskType;

/**
 * One task sent to a batch of miners and scored: its bundle, type, task id and window index (-1
 * for tasks that are not windows), the miners asked and what each did.
 */
public record WindowOutcome(String bundleGuid, TaskType type, String taskId, int windowIdx, List<Integer> uids,
                            List<MinerResult> results) {
    public WindowOutcome {
        uids = List.copyOf(uids);
        results = List.copyOf(results);
    }
}
