package org.cgp.chain;

import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;

/**
 * What the daemons need from a chain. Implementations: {@link OfflineChain} (local rounds, no
 * network) and the subtensor client (a real node over WebSocket JSON-RPC).
 */
public interface Chain extends AutoCloseable {
    long currentBlock();

    Metagraph metagraph(int netuid);

    SubnetHyperparameters hyperparameters(int netuid);

    /**
     * The hotkey of the subnet's owner ({@code SubtensorModule.SubnetOwnerHotkey}), which the live
     * validators burn their weight share to; empty when the chain does not say.
     */
    java.util.Optional<String> subnetOwnerHotkey(int netuid);

    /** Announces where {@code hotkey}'s axon listens; a no-op when the chain already says so. */
    void serveAxon(Keypair hotkey, int netuid, AxonInfo axon);

    /**
     * The weights {@code uid} has on chain now, as {@code [uid, u16]} pairs; empty when the chain
     * cannot say (an offline chain without them).
     */
    default java.util.Optional<int[][]> weightsOf(int netuid, int uid) { return java.util.Optional.empty(); }

    /**
     * The commitment {@code hotkey} holds on {@code netuid} ({@code Commitments.CommitmentOf}), or
     * empty when it holds none. A chain that keeps no commitments answers empty.
     */
    default java.util.Optional<StoredCommitment> commitment(int netuid, String hotkey) { return java.util.Optional.empty(); }

    /** Every commitment on {@code netuid} by hotkey, read in one pass over the map. */
    default java.util.Map<String, StoredCommitment> commitments(int netuid) { return java.util.Map.of(); }

    /**
     * Publishes {@code raw} as {@code hotkey}'s commitment on {@code netuid}: one {@code Raw} field
     * of at most 128 bytes, waiting until it is in a block. A refusal throws, naming it.
     */
    default void setCommitment(Keypair hotkey, int netuid, byte[] raw) {
        throw new ChainException("this chain keeps no commitments");
    }

    /** Submits u16 weights for {@code uids}, signed by {@code hotkey} (as a timelocked commit where the subnet has commit-reveal on). */
    void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey);

    /**
     * The same, with the subnet's hyperparameters the caller has just read (the weights were
     * computed from them), so a chain need not read them again to choose set or commit.
     */
    default void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey, SubnetHyperparameters known) {
        setWeights(hotkey, netuid, uids, weights, versionKey);
    }

    @Override default void close() {}
}
