package org.cgp.validator;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cgp.chain.Chain;
import org.cgp.chain.Metagraph;
import org.cgp.chain.MetagraphCache;
import org.cgp.chain.Neuron;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.keys.Keypair;
import org.cgp.validator.conversation.ConversationSource;
import org.cgp.validator.record.Backoff;
import org.cgp.validator.record.ResultRecorder;
import org.cgp.validator.state.StateLock;
import org.cgp.validator.state.ValidatorState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator daemon: runs steps one after another, keeps the moving average aligned with the
 * metagraph, saves its state after every step, and sets weights once per epoch after a step that
 * succeeded.
 */
public final class Validator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Validator.class);

    private final ValidatorConfig config;
    private final Keypair hotkey;
    private final Chain chain;
    private final MetagraphCache metagraph;
    private final ResultRecorder recorder;
    private final Dendrite dendrite;
    private final WeightSetter weights;
    private final int selfUid;
    private final ValidatorStep step;
    private final Scores scores;
    private final MinerEndpoints endpoints;
    /** The metagraph of the running step, taken (and the scores fitted to it) when the step starts. */
    private volatile Metagraph stepMetagraph;
    private ValidatorState state;
    private final StateLock stateLock;
    private volatile BiConsumer<StepReport, Duration> stepListener = (r, d) -> {};

    /** A validator without the commitment key: every miner is reached at its metagraph axon. */
    public Validator(ValidatorConfig config, Keypair hotkey, Chain chain, LlmClient llm, Embedder embedder,
                     ConversationSource source, ResultRecorder recorder) {
        this(config, hotkey, chain, llm, embedder, source, recorder, null);
    }

    /**
     * @param commitmentKey the validators' X25519 commitment private key ({@code COMMITMENT_PRIVATE_KEY}),
     *                      or null: miners that publish their endpoint only in a commitment are then
     *                      queried at their metagraph axon (a placeholder) and score 0
     */
    public Validator(ValidatorConfig config, Keypair hotkey, Chain chain, LlmClient llm, Embedder embedder,
                     ConversationSource source, ResultRecorder recorder, byte[] commitmentKey) {
        this(config, hotkey, chain, llm, embedder, source, recorder, commitmentKey, StateLock.acquire(config.stateDir()));
    }

    /**
     * A validator on a state directory whose lock the caller took first, before anything read the
     * state or its spools (a second validator must stop before it sends the first one's records);
     * the validator releases it on {@link #close}, or at once when it cannot start.
     */
    public Validator(ValidatorConfig config, Keypair hotkey, Chain chain, LlmClient llm, Embedder embedder,
                     ConversationSource source, ResultRecorder recorder, byte[] commitmentKey, StateLock lock) {
        this.stateLock = lock;
        boolean started = false;
        try { // a validator that cannot start releases the lock it was given
            this.config = config;
            this.hotkey = hotkey;
            this.chain = chain;
            this.recorder = recorder;
            int netuid = config.step().netuid();
            this.metagraph = new MetagraphCache(chain, netuid, config.metagraphRefresh());
            try { // a validator that cannot start stops the cache's thread it started
                Metagraph mg = metagraph.get();
                this.selfUid = mg.byHotkey(hotkey.ss58Address()).map(Neuron::uid).orElseThrow(() -> new IllegalStateException(
                        "validator hotkey " + hotkey.ss58Address() + " is not registered on netuid " + netuid));
                ValidatorState loaded = ValidatorState.load(config.stateDir());
                if (loaded == null) {
                    log.info("No state file found in {}; starting from zero", config.stateDir());
                    this.scores = new Scores(config.alpha(), mg.hotkeys(), new double[mg.hotkeys().size()]);
                    state = scores.snapshot(0, 0);
                } else {
                    this.scores = Scores.restore(config.alpha(), loaded);
                    List<Integer> changed = scores.alignTo(mg.hotkeys());
                    state = scores.snapshot(loaded.step(), loaded.lastWeightsBlock());
                    log.info("Loaded state: step {}, {} uids{}", state.step(), state.hotkeys().size(),
                            changed.isEmpty() ? "" : ", reset uids with a new hotkey: " + changed);
                }
                this.stepMetagraph = mg;
            } catch (RuntimeException e) {
                metagraph.close();
                throw e;
            }
            this.dendrite = new Dendrite(hotkey);
            this.weights = new WeightSetter(chain, hotkey, netuid, config);
            weights.addListener(e -> { if (e.outcome() != WeightsEvent.Outcome.FAILED) recorder.recordWeights(e); });
            this.endpoints = new MinerEndpoints(chain, netuid, commitmentKey);
            if (endpoints.enabled()) {
                log.info("Reading miner endpoint commitments of netuid {} (commitment key with public half {})", netuid,
                        java.util.HexFormat.of().formatHex(org.cgp.protocol.commitment.CommitmentKeys.publicKeyOf(commitmentKey)));
                endpoints.refreshAll(stepMetagraph, true);
            } else {
                log.warn("{} is not set: miners that publish their endpoint only in an encrypted commitment (every CGP 2.37 miner) "
                        + "are queried at their metagraph address, a placeholder, and score 0. Set it (the subnet's owners hand out the key) to reach them.",
                        org.cgp.protocol.commitment.CommitmentKeys.PRIVATE_KEY_ENV);
            }
            this.step = ValidatorStep.builder().source(source).llm(llm).embedder(embedder).dendrite(dendrite).metagraph(() -> stepMetagraph)
                    .self(selfUid, hotkey.ss58Address()).sampler(new MinerSampler(new Random(), config.vpermitTaoLimit())).recorder(recorder)
                    .settings(config.step()).endpoints(endpoints).build();
            log.info("Validator {} uid {} on netuid {} reading {}, recording to {}", hotkey.ss58Address(), selfUid, netuid,
                    source.describe(), recorder.describe());
            started = true;
        } finally {
            if (!started) lock.close();
        }
    }

    /** Takes the current metagraph for the next step and fits the scores to it. */
    private void alignToMetagraph() {
        Metagraph mg = metagraph.get();
        boolean different = !mg.hotkeys().equals(scores.hotkeys());
        List<Integer> changed = scores.alignTo(mg.hotkeys());
        if (different) log.info("Metagraph changed: {} uids, reset {}", mg.n(), changed);
        endpoints.refreshAll(mg, false);
        stepMetagraph = mg;
    }

    /**
     * One step: a conversation end to end, then save, then weights if an epoch has passed. The
     * state is saved before the chain is asked anything, so a chain outage never costs scores;
     * weights are submitted outside the lock, so the status page never waits for a block.
     */
    public StepReport runStep() {
        return runStep(() -> false);
    }

    /** One step that ends early, after the task in flight, once {@code stop} is set; what it scored is applied and saved. */
    public StepReport runStep(BooleanSupplier stop) {
        long start = System.nanoTime();
        alignToMetagraph();
        StepReport report = step.run(stop);
        scores.apply(report);
        ValidatorState snapshot;
        synchronized (this) {
            state = scores.snapshot(state.step() + 1, state.lastWeightsBlock());
            state.save(config.stateDir());
            snapshot = state;
        }
        if (!report.succeeded()) {
            log.warn("Step {} did not complete ({}); no weights are set after it", snapshot.step(), report.skipped());
        } else if (!config.disableSetWeights()) {
            maybeSetWeights(snapshot);
        }
        if (!config.disableSetWeights()) weights.checkReveal();
        stepListener.accept(report, Duration.ofNanos(System.nanoTime() - start));
        return report;
    }

    private void maybeSetWeights(ValidatorState snapshot) {
        try {
            long block = chain.currentBlock();
            long since = block - snapshot.lastWeightsBlock();
            if (since < 0) {
                log.warn("Chain is at block {}, before the block weights were last set ({}): a new chain; setting weights now",
                        block, snapshot.lastWeightsBlock());
                since = config.epochLength();
            }
            if (since >= config.epochLength() && weights.set(snapshot.ema(), since, block)) {
                synchronized (this) {
                    state = state.withWeightsSetAt(block);
                    state.save(config.stateDir());
                }
            }
        } catch (RuntimeException e) {
            log.error("Weights not set after step {}: {}; trying again after the next step", snapshot.step(), e.getMessage());
        }
    }

    /** Called after every step with its report and how long it took (metrics, status page). */
    public void onStep(BiConsumer<StepReport, Duration> listener) { this.stepListener = listener; }

    /** The longest wait after failed steps. */
    public static final Duration MAX_IDLE = Duration.ofMinutes(10);

    /**
     * Runs steps until {@code stop} is set (checked between steps). A step that produced no score
     * (no bundle, too few tasks, no miner or no miner that answered, the API down or answering
     * garbage) is followed by a wait
     * that doubles with each failure in a row, from {@code idleAfterFailure} up to {@link #MAX_IDLE},
     * so a broken API or subnet is never hammered.
     */
    public void runUntil(AtomicBoolean stop) {
        int failures = 0;
        while (!stop.get()) {
            boolean ok;
            try {
                StepReport r = runStep(stop::get);
                ok = r.succeeded() && r.anyAnswer();
            } catch (RuntimeException e) {
                log.error("Step failed: {}", e.toString(), e);
                ok = false;
            }
            failures = ok ? 0 : failures + 1;
            if (!ok) {
                long wait = backoffMillis(config.idleAfterFailure(), failures);
                log.info("Waiting {} s before the next step ({} failed in a row)", String.format("%.1f", wait / 1000.0), failures);
                pause(stop, wait);
            }
        }
        log.info("Validator stopped after step {}", state().step());
    }

    /** {@code idle * 2^(failures - 1)}, at most {@link #MAX_IDLE} (the one backoff rule, {@link Backoff}). */
    static long backoffMillis(Duration idle, int failures) {
        return Backoff.millis(idle, MAX_IDLE, failures);
    }

    public synchronized ValidatorState state() { return state; }

    public int uid() { return selfUid; }

    public WeightSetter weights() { return weights; }

    /** Where miners are reached (committed endpoints, else the metagraph). */
    public MinerEndpoints endpoints() { return endpoints; }

    /** Waits up to {@code ms}, returning early once {@code stop} is set. */
    private static void pause(AtomicBoolean stop, long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        try {
            while (!stop.get() && System.nanoTime() < until) Thread.sleep(Math.min(200, Math.max(1, ms)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override public void close() {
        dendrite.close();
        metagraph.close();
        recorder.close();
        stateLock.close();
    }
}
