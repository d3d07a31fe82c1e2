package org.cgp.chain.tle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cgp.chain.ChainException;
import org.junit.jupiter.api.Test;

/**
 * The reveal block and round from hand-built epoch states. Each expected block is worked out in
 * the comment from the firing rule: an epoch fires at block b when the pending block is set and
 * reached, when more than 50,400 blocks passed without one, or when b - LastEpochBlock >= tempo.
 */
class EpochScheduleTest {
    private static EpochSchedule.State state(long tempo, long last, long pending, long index, long sinceStep) {
        return new EpochSchedule.State(tempo, last, pending, index, sinceStep);
    }

    @Test
    void aCommitMidEpochIsRevealedTheBlockAfterTheNextEpochFires() {
        // last epoch at 1000, tempo 360: the next fires at 1360 (index 10 -> 11); the commit at 1201 is
        // keyed 10, the reveal epoch is 11, first seen before the coinbase of 1361
        assertThat(EpochSchedule.revealBlock(state(360, 1000, 0, 10, 200), 1200, 1)).isEqualTo(1361);
        // with a reveal period of 2 the epoch after that: fires 1720 (11 -> 12), seen at 1721
        assertThat(EpochSchedule.revealBlock(state(360, 1000, 0, 10, 200), 1200, 2)).isEqualTo(1721);
    }

    @Test
    void aCommitInTheBlockWhereAnEpochFiresBelongsToTheNewEpoch() {
        // head 1359: the commit lands in 1360, whose coinbase fires the epoch first (index 11), so it
        // is keyed 11 and revealed in epoch 12: fires 1720, seen at 1721
        assertThat(EpochSchedule.revealBlock(state(360, 1000, 0, 10, 358), 1359, 1)).isEqualTo(1721);
        // one block earlier it is still keyed 10
        assertThat(EpochSchedule.revealBlock(state(360, 1000, 0, 10, 357), 1358, 1)).isEqualTo(1361);
    }

    @Test
    void aDeferredEpochFiresAtTheNextBlockAndReAnchorsTheSchedule() {
        // the last epoch was at 600 and the one due at 960 was deferred: it fires in 1201 (keyed 11),
        // re-anchoring the grid there; epoch 12 fires at 1201 + 360 = 1561, seen at 1562
        assertThat(EpochSchedule.revealBlock(state(360, 600, 0, 10, 600), 1200, 1)).isEqualTo(1562);
    }

    @Test
    void setTempoReAnchorsFromTheLastEpoch() {
        // tempo set to 100 after the epoch at 1150: the next fires at 1250 (index 11), seen at 1251
        assertThat(EpochSchedule.revealBlock(state(100, 1150, 0, 10, 50), 1200, 1)).isEqualTo(1251);
    }

    @Test
    void aPendingEpochFiresWhenReached() {
        // an epoch scheduled at 1300 fires there (index 11), before the tempo would: seen at 1301;
        // the next then follows the tempo from 1300: 1660 (index 12), seen at 1661
        assertThat(EpochSchedule.revealBlock(state(360, 1000, 1300, 10, 200), 1200, 1)).isEqualTo(1301);
        assertThat(EpochSchedule.revealBlock(state(360, 1000, 1300, 10, 200), 1200, 2)).isEqualTo(1661);
    }

    @Test
    void tooManyBlocksWithoutAStepForceAnEpoch() {
        // tempo 100,000 and 50,401 blocks since the last step: 51,402 fires at once (keyed 11); then
        // the count restarts at 0 and block 51,402 + k sees k - 1, first above 50,400 at k = 50,402:
        // 101,804 fires (index 12), seen at 101,805
        assertThat(EpochSchedule.revealBlock(state(100_000, 1000, 0, 10, 50_401), 51_401, 1)).isEqualTo(101_805);
    }

    @Test
    void theRoundIsTheRevealBlockPlusTheSecurityOffsetInQuicknetTime() {
        double now = 1_780_000_000.0;
        // reveal at 1361, head 1200: (1361 + 3 - 1200) blocks of 12 s = 1968 s ahead
        long expected = (long) Math.floor((now + 1968 - TimelockedCommit.QUICKNET_GENESIS) / 3);
        assertThat(EpochSchedule.revealRound(state(360, 1000, 0, 10, 200), 1200, 1, 12.0, now)).isEqualTo(expected);
        assertThat(EpochSchedule.revealRound(state(360, 1000, 0, 10, 200), 1200, 1, 12.0, 0)).as("at least 1").isEqualTo(1);
    }

    @Test
    void theLegacyGridCanTargetARoundPastTheRevealEpochTheStatefulOneCannot() {
        // netuid 33, tempo 360: the old grid starts epochs where (b + 34) % 361 == 0, so at 1410, and
        // the SDK encrypts a commit made there to the first block of its next epoch plus 3: 1771 + 3.
        // The chain's last epoch was at 1052, so it fires at 1412; the commit (in 1411) is keyed to the
        // current epoch and revealed from 1413 until epoch 12 fires at 1772. The old round comes after
        // that window: the chain drops the commit. The stateful round falls inside it.
        double now = 1_780_000_000.0;
        long head = 1410;
        EpochSchedule.State state = state(360, 1052, 0, 10, 357);
        assertThat(EpochSchedule.revealBlock(state, head, 1)).isEqualTo(1413);
        long lastRevealBlock = 1772;
        long roundAtWindowEnd = (long) Math.floor((now + (lastRevealBlock - head) * 12.0 - TimelockedCommit.QUICKNET_GENESIS) / 3);
        assertThat(TimelockedCommit.revealRound(360, head, 33, 1, 12.0, now)).as("legacy").isGreaterThan(roundAtWindowEnd);
        assertThat(EpochSchedule.revealRound(state, head, 1, 12.0, now)).as("stateful").isLessThanOrEqualTo(roundAtWindowEnd);
    }

    @Test
    void aZeroTempoIsRefused() {
        assertThatThrownBy(() -> state(0, 0, 0, 0, 0)).isInstanceOf(ChainException.class).hasMessageContaining("Tempo is 0");
    }
}
