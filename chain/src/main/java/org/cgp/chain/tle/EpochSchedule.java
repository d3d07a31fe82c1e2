package org.cgp.chain.tle;

import org.cgp.chain.ChainException;

/**
 * The stateful epoch schedule of subtensor since spec ~423, and the reveal round that follows from
 * it. An epoch fires in a block's coinbase when any of these holds: {@code PendingEpochAt} is set
 * and reached, {@code BlocksSinceLastStep} is past {@value #MAX_BLOCKS_SINCE_STEP}, or
 * {@code block - LastEpochBlock >= tempo}. Firing sets {@code LastEpochBlock} to the block, clears
 * the pending block and {@code BlocksSinceLastStep}, and advances {@code SubnetEpochIndex}.
 *
 * <p>A commit included at {@code head + 1} is keyed by the epoch index, plus one when an epoch fires
 * in that block; it is revealed in the first block whose epoch index before its coinbase equals the
 * commit's epoch plus {@code RevealPeriodEpochs}. The round encrypted to is that block plus
 * {@link TimelockedCommit#SECURITY_BLOCK_OFFSET}, turned into wall-clock time at the block time,
 * then into a quicknet round. Epochs are walked block by block, so a deferred epoch, a
 * {@code set_tempo} re-anchor and a pending epoch are all followed as the chain follows them
 * (the legacy grid, {@link TimelockedCommit#revealRound}, can miss the reveal window then).
 */
public final class EpochSchedule {
    /** An epoch is forced once this many blocks have passed without one. */
    public static final long MAX_BLOCKS_SINCE_STEP = 50_400;
    /** Blocks walked at most before the schedule is declared broken (far past any real reveal period). */
    static final long MAX_WALK = 2_000_000;

    /**
     * A subnet's epoch state at a block, as the chain stores it.
     *
     * @param pendingEpochAt the block of a scheduled epoch, 0 when none is pending
     */
    public record State(long tempo, long lastEpochBlock, long pendingEpochAt, long epochIndex, long blocksSinceLastStep) {
        public State {
            if (tempo < 1) throw new ChainException("Tempo is " + tempo + ": no epoch schedule to follow");
        }

        /** Whether an epoch fires in {@code block}'s coinbase. */
        public boolean firesAt(long block) {
            return (pendingEpochAt > 0 && block >= pendingEpochAt)
                    || blocksSinceLastStep > MAX_BLOCKS_SINCE_STEP
                    || block - lastEpochBlock >= tempo;
        }

        /** The state after {@code block}'s coinbase. */
        State after(long block) {
            return firesAt(block)
                    ? new State(tempo, block, 0, epochIndex + 1, 0)
                    : new State(tempo, lastEpochBlock, pendingEpochAt, epochIndex, blocksSinceLastStep + 1);
        }
    }

    private EpochSchedule() {}

    /** The block in which a commit included at {@code head + 1} is revealed. */
    public static long revealBlock(State atHead, long head, int revealPeriodEpochs) {
        long included = head + 1;
        long commitEpoch = atHead.epochIndex() + (atHead.firesAt(included) ? 1 : 0);
        long target = commitEpoch + revealPeriodEpochs;
        State s = atHead;
        for (long b = included; b <= included + MAX_WALK; b++) {
            if (s.epochIndex() == target) return b; // the index before this block's coinbase
            s = s.after(b);
        }
        throw new ChainException("no reveal epoch within " + MAX_WALK + " blocks of block " + head + " (tempo " + atHead.tempo() + ")");
    }

    /** The quicknet round a commit included at {@code head + 1} must be encrypted to. */
    public static long revealRound(State atHead, long head, int revealPeriodEpochs, double blockTime, double nowSeconds) {
        long reveal = revealBlock(atHead, head, revealPeriodEpochs);
        double targetSeconds = nowSeconds + (reveal + TimelockedCommit.SECURITY_BLOCK_OFFSET - head) * blockTime;
        long round = (long) Math.floor((targetSeconds - TimelockedCommit.QUICKNET_GENESIS) / TimelockedCommit.QUICKNET_PERIOD);
        return Math.max(1, round);
    }
}
