package org.cgp.validator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;

/**
 * Picks the miners for one window: uids that serve an axon, not this validator, and
 * not validators whose stake exceeds the vpermit limit; a fresh random sample each window.
 */
public final class MinerSampler {
    private final RandomGenerator random;
    private final double vpermitTaoLimit;

    public MinerSampler(RandomGenerator random, double vpermitTaoLimit) {
        this.random = random;
        this.vpermitTaoLimit = vpermitTaoLimit;
    }

    /** Every uid that may be queried. */
    public List<Neuron> candidates(Metagraph metagraph, int selfUid) {
        List<Neuron> out = new ArrayList<>();
        for (Neuron n : metagraph.neurons()) {
            if (n.uid() != selfUid && isAvailable(n, vpermitTaoLimit)) out.add(n);
        }
        return out;
    }

    /**
     * The live {@code check_uid_availability}: the axon serves (an address other than 0.0.0.0, so a
     * commitment miner's dummy counts) and the uid is not a validator with more than the limit's stake.
     */
    public static boolean isAvailable(Neuron n, double vpermitTaoLimit) {
        if (n.axon() == null || !n.axon().isServing()) return false;
        return !(n.validatorPermit() && n.stake() > vpermitTaoLimit);
    }

    /** Up to {@code k} distinct candidates, in random order. */
    public List<Neuron> sample(Metagraph metagraph, int selfUid, int k) {
        List<Neuron> c = candidates(metagraph, selfUid);
        for (int i = c.size() - 1; i > 0; i--) Collections.swap(c, i, random.nextInt(i + 1));
        return List.copyOf(c.subList(0, Math.min(k, c.size())));
    }
}
