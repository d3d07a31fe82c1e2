package org.cgp.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the live Python scoring printed for these inputs (its port-ready cases 12 and 13), reproduced. */
class LiveScoringCasesTest {
    private static final float[] E1 = {1, 0, 0};
    private static final float[] E2 = {0, 1, 0};
    private static final float[] E3 = {0, 0, 1};
    private static final GroundTruth TRUTH = new GroundTruth(List.of("music", "guitar", "farm"), List.of(E1, E2, E3));
    private final TagEvaluator evaluator = new TagEvaluator();

    @Test
    void negativeCosinesCountAsTheLiveCodeCountsThem() {
        MinerTags a = new MinerTags(1, "hkA", List.of("music", "banjo", "barn", "tractor"),
                List.of(E1, new float[] {1, 1, 0}, E3, new float[] {0, -1, 0}), null);
        MinerScore s = evaluator.evaluate(TRUTH, a, ScoringMechanism.GROUND_TRUTH);
        assertThat(s.adjustedScore()).isCloseTo(0.376191, within(1e-6));
        assertThat(s.finalScore()).isCloseTo(0.376191, within(1e-6));
        assertThat(evaluator.evaluate(TRUTH, MinerTags.failed(2, "hkB", "no output")).finalScore()).isZero();
        MinerScore c = evaluator.evaluate(TRUTH, new MinerTags(3, "hkC", List.of("music", "farm"), List.of(E1, E3), null));
        assertThat(c.finalScore()).isZero();
        assertThat(c.zeroReason()).isEqualTo("fewer than 3 tags (2)");
    }

    @Test
    void oneTagScoresUnderTheNamedEntityAndSurveyMechanisms() {
        MinerTags one = new MinerTags(1, "hk", List.of("music"), List.of(E1), null);
        assertThat(evaluator.evaluate(TRUTH, one, ScoringMechanism.NO_PENALTY).finalScore()).isCloseTo(0.259808, within(1e-6));
        assertThat(evaluator.evaluate(TRUTH, one, ScoringMechanism.SURVEY).finalScore()).isCloseTo(0.044167, within(1e-6));
        assertThat(evaluator.evaluate(TRUTH, one, ScoringMechanism.GROUND_TRUTH).finalScore()).isZero();
    }

    @Test
    void aNegativeFinalScoreIsZeroNotBelow() {
        MinerTags away = new MinerTags(1, "hk", List.of("x", "y", "z"),
                List.of(new float[] {-1, -1, -1}, new float[] {-1, 0, -1}, new float[] {0, -1, -1}), null);
        MinerScore s = evaluator.evaluate(TRUTH, away, ScoringMechanism.NO_PENALTY);
        assertThat(s.finalScore()).isZero();
        assertThat(s.adjustedScore()).isZero();
    }

    @Test
    void theNearestTagOptionScoresASpecificTagAboveAVagueOne() {
        GroundTruth truth = new GroundTruth(List.of("music", "guitar"), List.of(E1, E2));
        Neighbourhood n = Neighbourhood.of(truth);
        float[] vague = {1, 1, 0}; // between everything: right on the mean
        assertThat(n.cosine(vague)).isCloseTo(1.0, within(1e-6));
        assertThat(n.nearestCosine(vague)).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(n.cosine(E1)).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(n.nearestCosine(E1)).isCloseTo(1.0, within(1e-6));
        MinerTags specific = new MinerTags(1, "s", List.of("piano", "drums", "banjo"), List.of(E1, E2, new float[] {0.9f, 0.1f, 0}), null);
        MinerTags generic = new MinerTags(2, "g", List.of("life", "fun", "stuff"),
                List.of(new float[] {1, 1, 0}, new float[] {1, 1, 0.1f}, new float[] {1, 0.9f, 0}), null);
        ScoringMechanism live = ScoringMechanism.GROUND_TRUTH;
        assertThat(evaluator.evaluate(truth, generic, live).finalScore()).as("the live mean rewards vagueness")
                .isGreaterThan(evaluator.evaluate(truth, specific, live).finalScore());
        assertThat(evaluator.evaluate(truth, specific, live.nearest()).finalScore())
                .isGreaterThan(evaluator.evaluate(truth, generic, live.nearest()).finalScore());
    }
}
