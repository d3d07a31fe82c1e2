package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cgp.protocol.task.TaskType;
import org.cgp.scoring.MinerScore;
import org.cgp.validator.state.ValidatorState;
import org.junit.jupiter.api.Test;

class ScoresTest {
    @Test
    void alignmentIsExplicitAndKeepsOnlyWhatStillBelongsToTheSameHotkey() {
        Scores s = new Scores(0.1, List.of("a", "b", "c"), new double[] {0.5, 0.4, 0.3});
        assertThat(s.alignTo(List.of("a", "b", "c"))).isEmpty();
        assertThat(s.values()).containsExactly(0.5, 0.4, 0.3);
        assertThat(s.alignTo(List.of("a", "B", "c", "d"))).containsExactly(1); // b's uid taken by B, d new
        assertThat(s.values()).containsExactly(0.5, 0.0, 0.3, 0.0);
        assertThat(s.alignTo(List.of("a"))).isEmpty(); // shrunk: c and d are gone
        assertThat(s.alignTo(List.of("a", "x", "c"))).isEmpty();
        assertThat(s.values()).as("a hotkey that takes a dropped uid starts at 0, even the old one").containsExactly(0.5, 0.0, 0.0);
        s.update(new int[] {1}, new double[] {1.0});
        assertThat(s.value(1)).isEqualTo(0.1);
        assertThat(s.hotkeys()).containsExactly("a", "x", "c");
    }

    @Test
    void aSavedStateIsRestoredAlignedAndSnapshotWithItsCounters() {
        ValidatorState saved = new ValidatorState(5, List.of("a", "b", "c"), new double[] {0.1, 0.2, 0.3}, 7);
        Scores s = Scores.restore(0.1, saved);
        assertThat(s.alignTo(List.of("a", "x", "c", "d"))).containsExactly(1);
        ValidatorState next = s.snapshot(6, 7);
        assertThat(next.ema()).containsExactly(0.1, 0.0, 0.3, 0.0);
        assertThat(next.hotkeys()).containsExactly("a", "x", "c", "d");
        assertThat(next.step()).isEqualTo(6);
        assertThat(next.lastWeightsBlock()).isEqualTo(7);
    }

    @Test
    void aStepsRewardsAreAppliedPerTaskInOrder() {
        Scores s = Scores.zeros(List.of("a", "b", "c"));
        StepReport step = new StepReport(null, List.of(), 2, List.of(task(0.5, 1.0), task(1.0, 0.0)), null, List.of("g"));
        s.apply(step);
        // per task: ema = 0.9 ema + 0.1 reward, and a reward of 0 decays by alpha / 2 (the live rule)
        assertThat(s.value(1)).isCloseTo(0.9 * 0.05 + 0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.value(2)).isCloseTo(0.95 * 0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.value(0)).isZero();
    }

    private static WindowOutcome task(double rewardOf1, double rewardOf2) {
        return new WindowOutcome("g", TaskType.CONVERSATION_TAGGING, "t", 0, List.of(1, 2),
                List.of(result(1, rewardOf1), result(2, rewardOf2)));
    }

    private static MinerResult result(int uid, double reward) {
        return new MinerResult(uid, "hk" + uid, 200, "OK", List.of(), List.of(), 0, new MinerScore(uid, "hk" + uid, 0, 0, 0, 0, 0, null), reward);
    }
}
