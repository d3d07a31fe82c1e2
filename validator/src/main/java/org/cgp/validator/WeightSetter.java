package org.cgp.validator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.cgp.chain.Chain;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.chain.SubmissionPendingException;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.chain.extrinsic.PoolRejectedException;
import org.cgp.protocol.keys.Keypair;
import org.cgp.scoring.CubicWeights;
import org.cgp.scoring.EmitWeights;
import org.cgp.scoring.WeightProcessing;
import org.cgp.scoring.Weights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns moving averages into u16 weights as the live validators do (power 3, rank-based cubic, the
 * subnet owner's uid out of the ranking, a floor for eligible miners not scored yet, no burn, unless
 * configured otherwise), within the chain's limits (min allowed weights, max
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
    /** A timelocked commit whose reveal has not been checked yet: the weights, and the block after which they must be on chain. */
    private final java.util.Deque<PendingReveal> pending = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** Commits awaiting their reveal check at most; older ones are forgotten. */
    static final int MAX_PENDING = 16;

    private record PendingReveal(EmitWeights weights, long dueBlock) {}

    /** Told of every attempt to set weights (the store, the metrics); a listener that throws is logged and skipped. */
    private final List<Consumer<WeightsEvent>> listeners = new CopyOnWriteArrayList<>();

    public WeightSetter(Chain chain, Keypair hotkey, int netuid, ValidatorConfig config) {
        this.chain = chain;
        this.hotkey = hotkey;
        this.netuid = netuid;
        this.config = config;
    }

    /** The weights {@code ema} gives, as the chain would receive them (empty when there is nothing to set). */
    public EmitWeights compute(double[] ema, SubnetHyperparameters hp) {
        Metagraph mg = chain.metagraph(netuid);
        return compute(ema, hp, ownerUid(mg, ema.length), eligible(mg, ema.length));
    }

    /**
     * The live path (CGP 2.37.74 {@code set_weights}): normalise, raise to the power (3), normalise;
     * then the curve: rank-based transposed cubic by default, {@code ownerUid} (-1: none) out of the
     * ranking and given the burn share, the baseline for {@code eligible} uids not ranked; then the
     * chain's processing and u16.
     */
    public EmitWeights compute(double[] ema, SubnetHyperparameters hp, int ownerUid, boolean[] eligible) {
        double[] raw;
        double[] scores = Weights.fromMovingAverage(ema, config.weightsPower());
        if (config.curve() == WeightsCurve.CUBIC) {
            raw = CubicWeights.of(scores, ownerUid, config.burnRate(), eligible);
        } else {
            raw = ownerUid >= 0 && config.burnRate() > 0 ? Weights.fromMovingAverage(ema, config.weightsPower(), ownerUid, config.burnRate()) : scores;
        }
        if (Arrays.stream(raw).noneMatch(w -> w > 0)) return new EmitWeights(new int[0], new int[0]);
        int[] uids = IntStream.range(0, raw.length).toArray();
        return WeightProcessing.forChain(uids, raw, raw.length, hp.minAllowedWeights(), hp.maxWeightsLimit(), 0);
    }

    /**
     * Which uids get the live floor weight: those the live validators could sample
     * ({@link MinerSampler#isAvailable}: serving, not a validator above the stake limit). Like them,
     * this validator itself is not excluded.
     */
    boolean[] eligible(Metagraph mg, int n) {
        boolean[] out = new boolean[n];
        for (Neuron u : mg.neurons()) if (u.uid() < n) out[u.uid()] = MinerSampler.isAvailable(u, config.vpermitTaoLimit());
        return out;
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
        return set(ema, blocksSinceLast, -1);
    }

    /**
     * As {@link #set(double[], long)}, at chain block {@code atBlock}, which the caller has just
     * read (-1: not known, read it here for the listeners).
     */
    public boolean set(double[] ema, long blocksSinceLast, long atBlock) {
        try {
            SubnetHyperparameters hp = chain.hyperparameters(netuid);
            if (blocksSinceLast < hp.weightsRateLimit()) {
                log.info("Weights were set {} blocks ago; netuid {} allows it every {} blocks, waiting", blocksSinceLast, netuid,
                        hp.weightsRateLimit());
                return false;
            }
            EmitWeights w = compute(ema, hp);
            if (w.isEmpty()) {
                log.info("Moving averages are all zero; no weights to set");
                return false;
            }
            try {
                chain.setWeights(hotkey, netuid, w.uids(), w.weights(), versionKey(hp), hp); // hyperparameters read once per setting
            } catch (SubmissionPendingException e) { // an earlier submission (before a restart) can still land: never a second
                log.info("Weights not sent: {}", e.getMessage());
                return false;
            } catch (PoolRejectedException e) {
                if (!e.isRateLimit()) {
                    tell(new WeightsEvent(WeightsEvent.Outcome.FAILED, netuid, hotkey.ss58Address(), -1, null, e.getMessage()));
                    throw e;
                }
                // the pool's own rate limit (LastUpdate + WeightsSetRateLimit, spec 419 on): nothing was sent, wait for it
                log.info("netuid {} does not take weights from this hotkey yet (RateLimitExceeded, custom 6); waiting for its rate limit "
                        + "of {} blocks", netuid, hp.weightsRateLimit());
                return false;
            } catch (RuntimeException e) {
                tell(new WeightsEvent(WeightsEvent.Outcome.FAILED, netuid, hotkey.ss58Address(), -1, null, e.getMessage()));
                throw e;
            }
            last = w;
            tell(new WeightsEvent(hp.commitRevealEnabled() ? WeightsEvent.Outcome.COMMITTED : WeightsEvent.Outcome.SET, netuid,
                    hotkey.ss58Address(), atBlock >= 0 ? atBlock : currentBlockOrUnknown(), w, null));
            if (hp.commitRevealEnabled()) {
                // the chain reveals in the epoch RevealPeriodEpochs (1 by default) after the commit's; allow two
                long due = chain.currentBlock() + 3L * (hp.tempo() + 1) + TIMELOCK_MARGIN_BLOCKS;
                pending.addLast(new PendingReveal(w, due));
                while (pending.size() > MAX_PENDING) pending.removeFirst();
                log.info("Committed timelocked weights on netuid {} for {} uids; the chain reveals them by block {}", netuid, w.uids().length, due);
            }
            log.info("Set weights on netuid {} for {} uids: {}", netuid, w.uids().length, describe(w));
            return true;
        } catch (RuntimeException e) {
            log.error("set_weights failed: {}; will try again next epoch", e.getMessage());
            return false;
        }
    }

    /** Adds a listener told of every attempt to set weights from now on. */
    public void addListener(Consumer<WeightsEvent> listener) { listeners.add(listener); }

    private void tell(WeightsEvent e) {
        for (Consumer<WeightsEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                log.error("A weights listener failed ({}); the weights themselves are {}", ex.getMessage(), e.outcome().label());
            }
        }
    }

    private long currentBlockOrUnknown() {
        try {
            return chain.currentBlock();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The version key weights go out with: ours, or the subnet's if it asks for a higher one. */
    public long versionKey(SubnetHyperparameters hp) {
        return Math.max(config.versionKey(), hp.weightsVersionKey());
    }

    /**
     * The subnet owner's uid, as the live validators look it up ({@code SubnetOwnerHotkey(netuid)},
     * then its uid), or the configured {@code --neuron.burn_uid}; -1 when there is none. It is left
     * out of the ranking whatever the burn rate, and receives the burn share.
     */
    int ownerUid(Metagraph mg, int n) {
        if (config.burnUid() >= 0) return config.burnUid() < n ? config.burnUid() : -1;
        Optional<String> owner = chain.subnetOwnerHotkey(netuid);
        if (owner.isEmpty()) {
            if (!warnedNoOwner) log.warn("The chain names no owner for netuid {}: every uid is ranked{}", netuid,
                    config.burnRate() > 0 ? " and no weight is burnt" : "");
            warnedNoOwner = true;
            return -1;
        }
        Optional<Neuron> neuron = mg.byHotkey(owner.get());
        if (neuron.isEmpty()) {
            if (!warnedNoOwner) log.warn("The owner of netuid {} ({}) has no uid on it: every uid is ranked", netuid, owner.get());
            warnedNoOwner = true;
            return -1;
        }
        return neuron.get().uid() < n ? neuron.get().uid() : -1;
    }

    private volatile boolean warnedNoOwner;

    /** Blocks beyond the reveal epoch before a commit that left no weights is called unrevealed. */
    static final int TIMELOCK_MARGIN_BLOCKS = 10;

    /**
     * After the reveal epoch of the last timelocked commit: whether the chain revealed it (this
     * hotkey's weights on chain are the committed ones). The chain drops a commit it cannot open
     * without any event, so this is the only way to know; a missing reveal is logged as a warning.
     * Returns true when revealed, false when not, empty while none is due.
     */
    public Optional<Boolean> checkReveal() {
        PendingReveal p = pending.peekFirst();
        if (p == null) return Optional.empty();
        try {
            long block = chain.currentBlock();
            if (block < p.dueBlock()) return Optional.empty();
            java.util.List<EmitWeights> due = new java.util.ArrayList<>();
            for (PendingReveal q; (q = pending.peekFirst()) != null && q.dueBlock() <= block; ) due.add(pending.removeFirst().weights());
            Optional<Neuron> self = chain.metagraph(netuid).byHotkey(hotkey.ss58Address());
            Optional<int[][]> onChain = self.isEmpty() ? Optional.empty() : chain.weightsOf(netuid, self.get().uid());
            if (onChain.isEmpty()) return Optional.empty();
            // a later commit revealed in the same epoch overwrites an earlier one: any of them on chain counts
            boolean revealed = due.stream().anyMatch(w -> sameWeights(onChain.get(), w));
            if (revealed) log.info("The timelocked commit of {} uids on netuid {} was revealed", p.weights().uids().length, netuid);
            else log.warn("The timelocked commit on netuid {} was NOT revealed by block {}: the chain drops a commit it cannot open "
                    + "(a round whose pulse did not arrive in time, a wrong payload) without an event; the next epoch commits again", netuid, p.dueBlock());
            return Optional.of(revealed);
        } catch (RuntimeException e) {
            log.warn("Could not check the timelocked reveal on netuid {}: {}", netuid, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean sameWeights(int[][] onChain, EmitWeights w) {
        if (onChain.length != w.uids().length) return false;
        for (int i = 0; i < onChain.length; i++) {
            if (onChain[i][0] != w.uids()[i] || Math.abs(onChain[i][1] - w.weights()[i]) > 1) return false;
        }
        return true;
    }

    /** The last weights the chain accepted, or null. */
    public EmitWeights last() { return last; }

    private static String describe(EmitWeights w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(w.uids().length, 16); i++) sb.append(i == 0 ? "" : ", ").append(w.uids()[i]).append('=').append(w.weights()[i]);
        return w.uids().length > 16 ? sb + ", ..." : sb.toString();
    }
}
