package org.cgp.chain.tle;

import java.util.List;
import org.cgp.chain.internal.scale.ScaleWriter;

/**
 * The parts of a timelocked weights commit that do not depend on a connection: the plaintext
 * payload, the drand round it is encrypted to, and the call that carries it.
 *
 * <ul>
 *   <li>Payload ({@code WeightsTlockPayload}, SCALE): {@code hotkey: Vec<u8>} (the 32-byte sr25519
 *       public key), {@code uids: Vec<u16>}, {@code values: Vec<u16>}, {@code version_key: u64}; the
 *       legacy form (runtimes up to spec 298) has no hotkey.</li>
 *   <li>Reveal round, as the SDK computes it: the first block of the epoch {@code RevealPeriodEpochs}
 *       after the current one, plus 3, turned into wall-clock time at {@code blockTime} seconds a
 *       block, then into a quicknet round ({@code (t - 1692803367) / 3}, at least 1).</li>
 *   <li>The call, by what the runtime offers, newest first: {@code commit_timelocked_mechanism_weights}
 *       (netuid, mechanism 0, commit, round, version), {@code commit_timelocked_weights} (netuid,
 *       commit, round, version), {@code commit_crv3_weights} (netuid, commit, round). The commit is at
 *       most {@value #MAX_COMMIT_BYTES} bytes.</li>
 * </ul>
 */
public final class TimelockedCommit {
    public static final int MAX_COMMIT_BYTES = 5000;
    /** Unrevealed commits the chain keeps per hotkey and epoch. */
    public static final int MAX_UNREVEALED = 10;
    public static final long QUICKNET_GENESIS = 1_692_803_367L;
    public static final int QUICKNET_PERIOD = 3;
    /** Blocks after the first reveal block by which the pulse must be on chain (the SDK's SECURITY_BLOCK_OFFSET). */
    public static final int SECURITY_BLOCK_OFFSET = 3;
    /** {@code CommitRevealWeightsVersion}'s default. */
    public static final int DEFAULT_VERSION = 4;

    /** The commit calls, newest first, and whether each carries a mechanism id and a version. */
    public enum CallKind {
        MECHANISM("commit_timelocked_mechanism_weights", true, true),
        TIMELOCKED("commit_timelocked_weights", false, true),
        CRV3("commit_crv3_weights", false, false);

        public final String call;
        public final boolean mechanism;
        public final boolean version;

        CallKind(String call, boolean mechanism, boolean version) {
            this.call = call;
            this.mechanism = mechanism;
            this.version = version;
        }

        /** The newest call among {@code available} call names, or null when there is none. */
        public static CallKind newest(java.util.function.Predicate<String> available) {
            for (CallKind k : values()) if (available.test(k.call)) return k;
            return null;
        }
    }

    private TimelockedCommit() {}

    public static byte[] payload(byte[] hotkey, int[] uids, int[] values, long versionKey, boolean legacy) {
        ScaleWriter w = new ScaleWriter(48 + 4 * uids.length);
        if (!legacy) w.vecU8(hotkey);
        return w.vecU16(uids).vecU16(values).u64(versionKey).toByteArray();
    }

    /** The SDK's reveal round (bittensor-drand {@code generate_commit}), for mechanism 0. */
    public static long revealRound(int tempo, long currentBlock, int netuid, int revealPeriodEpochs, double blockTime, double nowSeconds) {
        long tp1 = tempo + 1L;
        long np1 = netuid + 1L;
        long currentEpoch = (currentBlock + np1) / tp1;
        long revealEpoch = currentEpoch + revealPeriodEpochs;
        long firstRevealBlock = Math.max(0, revealEpoch * tp1 - np1);
        long target = firstRevealBlock + SECURITY_BLOCK_OFFSET;
        long blocksUntil = Math.max(0, target - currentBlock);
        double targetSeconds = nowSeconds + blocksUntil * blockTime;
        long round = (long) Math.floor((targetSeconds - QUICKNET_GENESIS) / QUICKNET_PERIOD);
        return Math.max(1, round);
    }

    /** The arguments of {@code kind} in call order, ready for the call encoder. */
    public static List<Object> arguments(CallKind kind, int netuid, byte[] commit, long revealRound, int version) {
        if (commit.length > MAX_COMMIT_BYTES) {
            throw new IllegalArgumentException(kind.call + ": the commit is " + commit.length + " bytes, more than the chain's " + MAX_COMMIT_BYTES
                    + " (too many uids for one commit)");
        }
        return switch (kind) {
            case MECHANISM -> List.of(netuid, 0, commit, revealRound, version);
            case TIMELOCKED -> List.of(netuid, commit, revealRound, version);
            case CRV3 -> List.of(netuid, commit, revealRound);
        };
    }

    /** The call data for a known pallet and call index (what a runtime's metadata gives), without metadata. */
    public static byte[] callData(CallKind kind, int palletIndex, int callIndex, int netuid, byte[] commit, long revealRound, int version) {
        arguments(kind, netuid, commit, revealRound, version); // the size check
        ScaleWriter w = new ScaleWriter(commit.length + 32).u8(palletIndex).u8(callIndex).u16(netuid);
        if (kind.mechanism) w.u8(0);
        w.vecU8(commit).u64(revealRound);
        if (kind.version) w.u16(version);
        return w.toByteArray();
    }
}
