package org.cgp.validator.bundle;

import java.util.List;
import org.cgp.llm.QualityAssessment;
import org.cgp.protocol.synapse.ParticipantProfile;
import org.cgp.protocol.task.Task;
import org.cgp.scoring.GroundTruth;
import org.cgp.scoring.ScoringMechanism;

/**
 * A bundle ready to send: its ground truth (tags with the validator's vectors), the tasks cut from
 * it (unmasked; {@link Masking} hides them per send), and how miners' answers are judged and scored.
 *
 * @param namedEntities judge answers with the live entity filter (no LLM, no exact match) instead of the tag filter
 * @param coverage      a skill-coverage bundle's section map and scored sections (null for the tagging types,
 *                      whose answers are scored against {@code truth})
 * @param quality       a conversation's five-way quality assessment, for the dataset (null: not assessed)
 */
public record PreparedBundle(TaskBundle bundle, GroundTruth truth, List<ParticipantProfile> profiles, List<Task> tasks,
                             ScoringMechanism mechanism, boolean namedEntities, SkillCoverageTruth coverage, QualityAssessment quality) {
    public PreparedBundle {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        tasks = List.copyOf(tasks);
    }

    /** A tagging bundle. */
    public PreparedBundle(TaskBundle bundle, GroundTruth truth, List<ParticipantProfile> profiles, List<Task> tasks,
                          ScoringMechanism mechanism, boolean namedEntities) {
        this(bundle, truth, profiles, tasks, mechanism, namedEntities, null, null);
    }

    /** A skill-coverage bundle. */
    public PreparedBundle(TaskBundle bundle, GroundTruth truth, List<ParticipantProfile> profiles, List<Task> tasks,
                          ScoringMechanism mechanism, boolean namedEntities, SkillCoverageTruth coverage) {
        this(bundle, truth, profiles, tasks, mechanism, namedEntities, coverage, null);
    }

    /** This bundle with its quality assessment. */
    public PreparedBundle withQuality(QualityAssessment q) {
        return new PreparedBundle(bundle, truth, profiles, tasks, mechanism, namedEntities, coverage, q);
    }

    public List<String> tags() { return truth.tags(); }
}
