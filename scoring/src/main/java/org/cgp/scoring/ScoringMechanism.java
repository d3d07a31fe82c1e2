package org.cgp.scoring;

/**
 * How one task type is scored on the live subnet: how many tags a miner must have kept, and
 * whether the penalty table applies. The formula itself is {@link ScoreFormula}'s.
 *
 * @param name      the {@code scoring_mechanism} name, for logs and records
 * @param minTags   fewer kept tags than this scores 0
 * @param penalties whether the penalty table multiplies the adjusted score
 * @param nearestTag score each tag by its cosine to the nearest ground-truth tag instead of to the
 *                   ground truth's mean (not live: an option that stops vague or echoed words from
 *                   outscoring specific tags, see the validator README)
 */
public record ScoringMechanism(String name, int minTags, boolean penalties, boolean nearestTag) {
    /** Conversation and webpage tasks: at least 3 tags, penalties on. */
    public static final ScoringMechanism GROUND_TRUTH = new ScoringMechanism("ground_truth_tag_similarity_scoring", ScoreFormula.MIN_TAGS, true, false);
    /** Survey tasks: the same mechanism with at least 1 tag (a survey has few selected choices). */
    public static final ScoringMechanism SURVEY = new ScoringMechanism("ground_truth_tag_similarity_scoring", 1, true, false);
    /** Named-entity tasks: at least 1 tag, no penalties. */
    public static final ScoringMechanism NO_PENALTY = new ScoringMechanism("no_penalty_ground_truth_tag_similarity_scoring", 1, false, false);

    /** This mechanism, each tag scored against its nearest ground-truth tag. */
    public ScoringMechanism nearest() { return new ScoringMechanism(name, minTags, penalties, true); }

    public ScoringMechanism {
        if (minTags < 0) throw new IllegalArgumentException("minTags must be >= 0, got " + minTags);
    }
}
