package org.cgp.validator;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;
import org.cgp.chain.Chain;
import org.cgp.chain.Neuron;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.protocol.keys.Keypair;
import org.cgp.scoring.CubicWeights;
import org.cgp.scoring.EmitWeights;
import org.cgp.scoring.WeightProcessing;
import org.cgp.scoring.Weights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns moving averages into u16 weights as the live validators do (power 3, rank-based cubic, 0.9
 * burnt to the subnet owner's uid, unless configured otherwise), within the chain's limits (min allowed weights, max
 * weight limit, checked again after rounding) and submits them. A failure is logged and the
 * next epoch tries again; it never stops the validator.
 */
public final class WeightSetter {
    private static final Logger log = LoggerFactory.getLogger(WeightSetter.class);

    private final Chain chain;
    private final Keypair hotkey;
    private final int netuid;
    private final ValidatorConfig config;
    private volatile EmitWeights last;

    public WeightSetter(Chain chain, Keypair hotkey, int netuid, ValidatorConfig config) {
        this.chain = chain;
        this.hotkey = hotkey;
        this.netuid = netuid;
        this.config = config;
    }

    /** The weights {@code ema} gives, as the chain would receive them (empty when there is nothing to set). */
    public EmitWeights compute(double[] ema, SubnetHyperparameters hp) {
        return compute(ema, hp, burnUid(ema.length));
    }

    /**
     * The live path: normalise, raise to the power (3), normalise; then the curve (rank-based
     * transposed cubic by default) with {@code burnRate} to {@code burnUid} (-1: no burn); then
     * the chain's processing and u16.
     */
    public EmitWeights compute(double[] ema, SubnetHyperparameters hp, int burnUid) {
        boolean burn = burnUid >= 0 && burnUid < ema.length && config.burnRate() > 0;
        double[] raw;
        if (config.curve() == WeightsCurve.CUBIC) {
            double[] scores = Weights.fromMovingAverage(ema, config.weightsPower());
            raw = burn ? CubicWeights.of(scores, burnUid, config.burnRate()) : CubicWeights.of(scores);
        } else {
            raw = burn ? Weights.fromMovingAverage(ema, config.weightsPower(), burnUid, config.burnRate())
                    : Weights.fromMovingAverage(ema, config.weightsPower());
        }
        if (Arrays.stream(raw).noneMatch(w -> w > 0)) return new EmitWeights(new int[0], new int[0]);
        int[] uids = IntStream.range(0, raw.length).toArray();
        return WeightProcessing.forChain(uids, raw, raw.length, hp.minAllowedWeights(), hp.maxWeightsLimit(), 0);
    }

    /** Submits the weights {@code ema} gives; true when the chain took them. */
    public boolean set(double[] ema) {
        return set(ema, Long.MAX_VALUE);
    }

    /**
     * Submits the weights {@code ema} gives unless the subnet's weights rate limit has not passed
     * since the last submission ({@code blocksSinceLast} blocks ago), which the chain would reject.
     */
    public boolean set(double[] ema, long blocksSinceLast) {
        try {
            SubnetHyperparameters hp = chain.hyperparameters(netuid);
            if (blocksSinceLast < hp.weightsRateLimit()) {
                log.info("Weights were set {} blocks ago; netuid {} allows it every {} blocks, waiting", blocksSinceLast, netuid,
                        hp.weightsRateLimit());
                return false;
            }
            EmitWeights w = compute(ema, hp, burnUid(ema.length));
            if (w.isEmpty()) {
                log.info("Moving averages are all zero; no weights to set");
                return false;
            }
            long version = Math.max(config.versionKey(), hp.weightsVersionKey());
            chain.setWeights(hotkey, netuid, w.uids(), w.weights(), version);
            last = w;
            log.info("Set weights on netuid {} for {} uids: {}", netuid, w.uids().length, describe(w));
            return true;
        } catch (RuntimeException e) {
            log.error("set_weights failed: {}; will try again next epoch", e.getMessage());
            return false;
        }
    }

    /**
     * The uid that receives the burn: the configured one, or the subnet owner's (as the live
     * validators look it up: {@code SubnetOwnerHotkey(netuid)}, then its uid); -1 for no burn.
     */
    int burnUid(int n) {
        if (config.burnRate() <= 0) return -1;
        if (config.burnUid() >= 0) return config.burnUid() < n ? config.burnUid() : -1;
        Optional<String> owner = chain.subnetOwnerHotkey(netuid);
        if (owner.isEmpty()) {
            log.warn("The chain names no owner for netuid {}: no weight is burnt", netuid);
            return -1;
        }
        Optional<Neuron> neuron = chain.metagraph(netuid).byHotkey(owner.get());
        if (neuron.isEmpty()) {
            log.warn("The owner of netuid {} ({}) has no uid on it: no weight is burnt", netuid, owner.get());
            return -1;
        }
        return neuron.get().uid();
    }

    /** The last weights the chain accepted, or null. */
    public EmitWeights last() { return last; }

    private static String describe(EmitWeights w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(w.uids().length, 16); i++) sb.append(i == 0 ? "" : ", ").append(w.uids()[i]).append('=').append(w.weights()[i]);
        return w.uids().length > 16 ? sb + ", ..." : sb.toString();
    }
}
