package org.cgp.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;

/**
 * A chain that lives in memory: a fixed list of neurons (uid, hotkey, loopback axon), a block
 * counter that advances on every read, and the last weights each hotkey set. For the local round
 * and tests; nothing here touches a network.
 */
public final class OfflineChain implements Chain {
    private final int netuid;
    private final List<Neuron> neurons;
    private final SubnetHyperparameters hyperparameters;
    private final AtomicLong block = new AtomicLong(1);
    private final List<WeightsSet> weightsSet = new ArrayList<>();
    private final String ownerHotkey;
    private final java.util.Map<String, StoredCommitment> commitments = new java.util.LinkedHashMap<>();

    /** A weights submission as recorded by the offline chain. */
    public record WeightsSet(String hotkey, int netuid, int[] uids, int[] weights, long versionKey, long block) {}

    /** An offline subnet without a known owner (no burn). */
    public OfflineChain(int netuid, List<Neuron> neurons, SubnetHyperparameters hyperparameters) {
        this(netuid, neurons, hyperparameters, null);
    }

    /** @param ownerHotkey the subnet owner's hotkey, or null for none */
    public OfflineChain(int netuid, List<Neuron> neurons, SubnetHyperparameters hyperparameters, String ownerHotkey) {
        this.netuid = netuid;
        this.neurons = new ArrayList<>(neurons);
        this.hyperparameters = hyperparameters;
        this.ownerHotkey = ownerHotkey;
    }

    @Override public java.util.Optional<String> subnetOwnerHotkey(int netuid) {
        requireNetuid(netuid);
        return java.util.Optional.ofNullable(ownerHotkey);
    }

    /** Stores {@code raw} as {@code hotkey}'s commitment at the current block, as if it had been published (fixtures). */
    public synchronized OfflineChain withCommitment(String hotkey, byte[] raw) {
        commitments.put(hotkey, new StoredCommitment(hotkey, block.get(), raw));
        return this;
    }

    @Override public synchronized java.util.Optional<StoredCommitment> commitment(int netuid, String hotkey) {
        requireNetuid(netuid);
        return java.util.Optional.ofNullable(commitments.get(hotkey));
    }

    @Override public synchronized java.util.Map<String, StoredCommitment> commitments(int netuid) {
        requireNetuid(netuid);
        return java.util.Map.copyOf(commitments);
    }

    /** As the chain: only a hotkey registered on the subnet may commit ({@code AccountNotAllowedCommit}), one Raw field of at most 128 bytes. */
    @Override public synchronized void setCommitment(Keypair hotkey, int netuid, byte[] raw) {
        requireNetuid(netuid);
        String ss58 = hotkey.ss58Address();
        if (neurons.stream().noneMatch(n -> n.hotkey().equals(ss58))) {
            throw new ChainException("Commitments.set_commitment failed: Commitments.AccountNotAllowedCommit (" + ss58 + " is not registered on netuid " + netuid + ")");
        }
        if (raw.length > 128) throw new IllegalArgumentException("a Raw commitment field holds at most 128 bytes, got " + raw.length);
        commitments.put(ss58, new StoredCommitment(ss58, block.incrementAndGet(), raw));
    }

    @Override public long currentBlock() { return block.incrementAndGet(); }

    @Override public synchronized Metagraph metagraph(int netuid) {
        requireNetuid(netuid);
        return new Metagraph(netuid, block.get(), neurons);
    }

    @Override public SubnetHyperparameters hyperparameters(int netuid) {
        requireNetuid(netuid);
        return hyperparameters;
    }

    @Override public synchronized void serveAxon(Keypair hotkey, int netuid, AxonInfo axon) {
        requireNetuid(netuid);
        String ss58 = hotkey.ss58Address();
        for (int i = 0; i < neurons.size(); i++) {
            Neuron n = neurons.get(i);
            if (n.hotkey().equals(ss58)) {
                neurons.set(i, new Neuron(n.uid(), n.hotkey(), n.coldkey(), n.stake(), n.validatorPermit(), n.active(),
                        new AxonInfo(axon.ip(), axon.port(), ss58), n.lastUpdate(), n.incentive(), n.dividends(), n.trust(), n.rank()));
                return;
            }
        }
        throw new IllegalStateException("hotkey " + ss58 + " is not registered on offline netuid " + netuid);
    }

    @Override public synchronized void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey) {
        requireNetuid(netuid);
        if (uids.length != weights.length) throw new IllegalArgumentException("uids and weights differ in length");
        weightsSet.add(new WeightsSet(hotkey.ss58Address(), netuid, uids.clone(), weights.clone(), versionKey, block.get()));
    }

    /** Every weights submission so far, oldest first. */
    public synchronized List<WeightsSet> weightsSet() { return List.copyOf(weightsSet); }

    private void requireNetuid(int n) {
        if (n != netuid) throw new IllegalArgumentException("offline chain serves netuid " + netuid + ", not " + n);
    }
}
