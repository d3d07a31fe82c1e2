package org.cgp.validator;

import java.util.List;
import org.cgp.scoring.MinerScore;

/**
 * What one miner did with one task: the status of the call, the tags it sent and kept after
 * cleaning, and its score. {@code status} is the dendrite's code (200, 408, 503, ...).
 * {@code counted} is false when the validator, not the miner, failed to judge the answer (its LLM
 * or embedder refused): the answer scores 0 in the report but its reward does not move the
 * miner's moving average ({@link Scores#apply}).
 */
public record MinerResult(int uid, String hotkey, int status, String statusMessage, List<String> originalTags,
                          List<String> tags, int vectorCount, MinerScore score, double reward, boolean counted) {
    /** A result whose reward counts. */
    public MinerResult(int uid, String hotkey, int status, String statusMessage, List<String> originalTags, List<String> tags,
                       int vectorCount, MinerScore score, double reward) {
        this(uid, hotkey, status, statusMessage, originalTags, tags, vectorCount, score, reward, true);
    }
}
