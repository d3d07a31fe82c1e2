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
