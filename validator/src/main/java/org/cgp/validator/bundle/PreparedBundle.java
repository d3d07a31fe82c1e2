package org.cgp.validator.bundle;

import java.util.List;
import org.cgp.protocol.synapse.ParticipantProfile;
import org.cgp.protocol.task.Task;
import org.cgp.scoring.GroundTruth;
import org.cgp.scoring.ScoringMechanism;

/**
 * A bundle ready to send: its ground truth (tags with the validator's vectors), the tasks cut from
 * it (unmasked; {@link Masking} hides them per send), and how miners' answers are judged and scored.
 *
 * @param namedEntities judge answers with the live entity filter (no LLM, no exact match) instead of the tag filter
 */
public record PreparedBundle(TaskBundle bundle, GroundTruth truth, List<ParticipantProfile> profiles, List<Task> tasks,
                             ScoringMechanism mechanism, boolean namedEntities) {
    public PreparedBundle {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        tasks = List.copyOf(tasks);
    }

    public List<String> tags() { return truth.tags(); }
}
