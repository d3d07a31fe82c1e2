package org.cgp.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cgp.chain.extrinsic.Call;
import org.cgp.chain.extrinsic.DispatchException;
import org.cgp.chain.extrinsic.ExtrinsicResult;
import org.cgp.chain.extrinsic.PoolRejectedException;
import org.cgp.chain.extrinsic.SignedExtrinsic;
import org.cgp.chain.internal.hash.Hashing;
import org.cgp.chain.internal.scale.ScaleException;
import org.cgp.chain.internal.scale.ScaleWriter;
import org.cgp.chain.internal.subtensor.AxonIp;
import org.cgp.chain.internal.subtensor.CommitmentStorage;
import org.cgp.chain.internal.subtensor.ExtrinsicSubmitter;
import org.cgp.chain.internal.subtensor.NeuronInfoLite;
import org.cgp.chain.internal.subtensor.NeuronsLiteCodec;
import org.cgp.chain.internal.subtensor.SubnetStateCodec;
import org.cgp.chain.internal.subtensor.SubtensorCalls;
import org.cgp.chain.internal.subtensor.SubtensorClient;
import org.cgp.chain.internal.subtensor.SubtensorStorage;
import org.cgp.chain.rpc.Endpoints;
import org.cgp.chain.rpc.RpcConfig;
import org.cgp.chain.tle.EpochSchedule;
import org.cgp.chain.tle.Timelock;
import org.cgp.chain.tle.TimelockedCommit;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.keys.Ss58;
import org.cgp.protocol.wire.ProtocolVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Chain} on a real subtensor node: the metagraph from {@code get_neurons_lite}, the weight
 * hyperparameters from storage, and signed extrinsics for {@code serve_axon} and {@code set_weights}.
 */
public final class SubtensorChain implements Chain {
    private static final Logger log = LoggerFactory.getLogger(SubtensorChain.class);
    static final double RAO_PER_TAO = 1e9;
    private static final double U16_MAX = 65535.0;
    /** Seconds a block, as the SDK assumes when it turns blocks into a drand round. */
    private static final double BLOCK_SECONDS = 12.0;

    /** How long to wait for an extrinsic to be in a block (five 12 s blocks). */
    public static final Duration DEFAULT_INCLUSION_TIMEOUT = Duration.ofSeconds(60);
    /** Mortal era length of the extrinsics this client signs. */
    public static final int ERA_PERIOD = 64;
    /** {@code protocol} value of serve_axon, as the Python SDK sends it. */
    public static final int AXON_PROTOCOL = 4;

    private final SubtensorClient client;
    private final Duration inclusionTimeout;
    private final ExtrinsicSubmitter submitter;
    private final SubmissionJournal journal;

    public SubtensorChain(SubtensorClient client) { this(client, DEFAULT_INCLUSION_TIMEOUT); }

    public SubtensorChain(SubtensorClient client, Duration inclusionTimeout) { this(client, inclusionTimeout, null); }

    private SubtensorChain(SubtensorClient client, Duration inclusionTimeout, SubmissionJournal journal) {
        this.client = client;
        this.inclusionTimeout = inclusionTimeout;
        this.submitter = new ExtrinsicSubmitter(client, inclusionTimeout, ERA_PERIOD);
        this.journal = journal;
    }

    /**
     * This chain, journaling every weights extrinsic in {@code journal} before it is broadcast and
     * refusing to sign another while a journaled one can still land ({@link SubmissionPendingException}).
     */
    public SubtensorChain withJournal(SubmissionJournal journal) { return new SubtensorChain(client, inclusionTimeout, journal); }

    /** Connects (lazily) to {@code --subtensor.network} / {@code --subtensor.chain_endpoint}. */
    public static SubtensorChain connect(String network, String chainEndpoint, RpcConfig config) {
        return new SubtensorChain(SubtensorClient.connect(Endpoints.resolve(network, chainEndpoint), config));
    }

    /**
     * The calls of the runtime running now (indices and argument types from its metadata), read
     * fresh for every write: the cached metadata reads use may be up to 30 s old, and a call encoded
     * for the runtime before an upgrade but signed for the one after is refused or misread.
     */
    private SubtensorCalls calls() { return new SubtensorCalls(client.metadataFor(client.runtimeVersion())); }

    /** Signs {@code call} with {@code signer}, submits it and waits for inclusion; a failed dispatch throws by error name. */
    public ExtrinsicResult submit(Call call, Keypair signer) { return submitter.submit(call, signer); }

    @Override public long currentBlock() { return client.blockNumber(); }

    /**
     * The neurons of {@code netuid} at the best block, from {@code get_neurons_lite}; stake is the
     * Python metagraph's S, {@code total_stake} of {@code get_subnet_state} (alpha plus weighted TAO),
     * falling back to the sum of the neuron's stake entries when that API is unavailable.
     */
    @Override public Metagraph metagraph(int netuid) {
        requireNetuid(netuid);
        String hash = client.blockHash(null);
        long block = client.blockNumberAt(hash);
        byte[] arg = new ScaleWriter().u16(netuid).toByteArray();
        byte[] result = client.stateCall("NeuronInfoRuntimeApi_get_neurons_lite", arg, hash);
        List<NeuronInfoLite> raw;
        try {
            raw = NeuronsLiteCodec.decode(result);
        } catch (ScaleException e) {
            throw new ChainException("NeuronInfoRuntimeApi_get_neurons_lite(" + netuid + "): the answer (" + result.length
                    + " bytes) decodes in neither the wrapped nor the typed layout: " + e.getMessage());
        }
        return toMetagraph(netuid, block, raw, subnetStakes(netuid, arg, hash, raw.size()).orElse(null));
    }

    private Optional<SubnetStateCodec.SubnetStakes> subnetStakes(int netuid, byte[] arg, String hash, int n) {
        try {
            Optional<SubnetStateCodec.SubnetStakes> s = SubnetStateCodec.decode(client.stateCall("SubnetInfoRuntimeApi_get_subnet_state", arg, hash));
            if (s.isPresent() && s.get().totalStake().length != n) return Optional.empty();
            return s;
        } catch (ChainException | ScaleException e) {
            log.debug("chain: get_subnet_state({}) unavailable ({}); stake from get_neurons_lite", netuid, e.getMessage());
            return Optional.empty();
        }
    }

    /** Maps decoded neurons to the daemons' view, ordered by uid. */
    public static Metagraph toMetagraph(int netuid, long block, List<NeuronInfoLite> raw) { return toMetagraph(netuid, block, raw, null); }

    /** As {@link #toMetagraph(int, long, List)}, with stakes from the subnet state when given (matched by uid and hotkey). */
    public static Metagraph toMetagraph(int netuid, long block, List<NeuronInfoLite> raw, SubnetStateCodec.SubnetStakes stakes) {
        List<NeuronInfoLite> sorted = new ArrayList<>(raw);
        sorted.sort((a, b) -> Integer.compare(a.uid(), b.uid()));
        List<Neuron> neurons = new ArrayList<>(sorted.size());
        for (NeuronInfoLite n : sorted) {
            double stake = n.stakeRao() / RAO_PER_TAO;
            if (stakes != null && n.uid() < stakes.totalStake().length && Arrays.equals(stakes.hotkeys().get(n.uid()), n.hotkey())) {
                stake = stakes.totalStake()[n.uid()] / RAO_PER_TAO;
            }
            neurons.add(toNeuron(n, stake));
        }
        return new Metagraph(netuid, block, neurons);
    }

    public static Neuron toNeuron(NeuronInfoLite n) { return toNeuron(n, n.stakeRao() / RAO_PER_TAO); }

    private static Neuron toNeuron(NeuronInfoLite n, double stakeTao) {
        String hotkey = Ss58.encode(n.hotkey());
        AxonInfo axon = new AxonInfo(AxonIp.toText(n.axonIp()), n.axonPort(), hotkey);
        return new Neuron(n.uid(), hotkey, Ss58.encode(n.coldkey()), stakeTao, n.validatorPermit(), n.active(),
                axon, n.lastUpdate(), n.incentive() / U16_MAX, n.dividends() / U16_MAX, n.trust() / U16_MAX, n.rank() / U16_MAX);
    }

    @Override public SubnetHyperparameters hyperparameters(int netuid) {
        requireNetuid(netuid);
        String hash = client.blockHash(null);
        return new SubnetHyperparameters(Math.toIntExact(client.read(SubtensorStorage.TEMPO, hash, netuid)),
                client.read(SubtensorStorage.WEIGHTS_SET_RATE_LIMIT, hash, netuid),
                Math.toIntExact(client.read(SubtensorStorage.MIN_ALLOWED_WEIGHTS, hash, netuid)),
                Math.toIntExact(client.read(SubtensorStorage.MAX_WEIGHTS_LIMIT, hash, netuid)),
                client.read(SubtensorStorage.WEIGHTS_VERSION_KEY, hash, netuid),
                client.read(SubtensorStorage.COMMIT_REVEAL_WEIGHTS_ENABLED, hash, netuid));
    }

    @Override public java.util.Optional<String> subnetOwnerHotkey(int netuid) {
        requireNetuid(netuid);
        return client.read(SubtensorStorage.SUBNET_OWNER_HOTKEY, null, netuid).map(Ss58::encode);
    }

    @Override public java.util.Optional<int[][]> weightsOf(int netuid, int uid) {
        requireNetuid(netuid);
        return java.util.Optional.of(client.read(SubtensorStorage.WEIGHTS, null, netuid, uid));
    }

    @Override public void serveAxon(Keypair hotkey, int netuid, AxonInfo axon) {
        serveAxon(hotkey, netuid, axon, ProtocolVersion.INT);
    }

    /** serve_axon with an explicit version; skipped when the chain already has this ip, port, type and protocol. */
    public void serveAxon(Keypair hotkey, int netuid, AxonInfo axon, long version) {
        requireNetuid(netuid);
        BigInteger ip;
        try {
            ip = AxonIp.fromText(axon.ip());
        } catch (IllegalArgumentException e) {
            throw new ChainException("serve_axon on netuid " + netuid + ": " + e.getMessage() + " (the chain stores an IP literal, not a host name)");
        }
        if (axon.port() <= 0 || axon.port() > 0xffff) throw new ChainException("serve_axon on netuid " + netuid + ": port " + axon.port() + " is not 1..65535");
        int ipType = AxonIp.ipType(ip);
        Object current = client.storage("SubtensorModule", "Axons", netuid, hotkey.publicKey());
        if (current instanceof Map<?, ?> m && ip.equals(toBig(m.get("ip"))) && Integer.valueOf(axon.port()).equals(m.get("port"))
                && Integer.valueOf(ipType).equals(m.get("ip_type")) && Integer.valueOf(AXON_PROTOCOL).equals(m.get("protocol"))) {
            log.info("chain: the axon of {} is already on netuid {} as given; serve_axon skipped", hotkey.ss58Address(), netuid);
            return;
        }
        submit(calls().serveAxon(netuid, version, ip, axon.port(), ipType, AXON_PROTOCOL), hotkey);
    }

    @Override public Optional<StoredCommitment> commitment(int netuid, String hotkey) {
        requireNetuid(netuid);
        Object v = client.storage(CommitmentStorage.PALLET, CommitmentStorage.COMMITMENT_OF, netuid, Ss58.decode(hotkey));
        return v == null ? Optional.empty() : Optional.of(CommitmentStorage.toCommitment(hotkey, v));
    }

    /**
     * One pass over {@code CommitmentOf(netuid, *)} at the best block: the keys under the subnet's
     * prefix ({@code state_getKeysPaged}), then their values in one query. The hotkey is the last
     * 32 bytes of each key (Twox64Concat keeps the account after its hash). An entry that does not
     * decode is left out and logged; the others stand.
     */
    @Override public Map<String, StoredCommitment> commitments(int netuid) {
        requireNetuid(netuid);
        String hash = client.blockHash(null);
        byte[] prefix = client.storageKey(CommitmentStorage.PALLET, CommitmentStorage.COMMITMENT_OF, netuid);
        List<byte[]> keys = client.storageKeys(prefix, hash);
        Map<String, StoredCommitment> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : client.storageValues(keys, hash).entrySet()) {
            byte[] key = org.cgp.chain.internal.scale.Hex.decode(e.getKey());
            if (e.getValue() == null || key.length < prefix.length + 32) continue;
            String hotkey = Ss58.encode(Arrays.copyOfRange(key, key.length - 32, key.length));
            try {
                out.put(hotkey, CommitmentStorage.toCommitment(hotkey,
                        client.decodeValue(CommitmentStorage.PALLET, CommitmentStorage.COMMITMENT_OF, e.getValue())));
            } catch (ChainException ex) {
                log.warn("chain: the commitment of {} on netuid {} does not decode ({}); left out", hotkey, netuid, ex.getMessage());
            }
        }
        return out;
    }

    @Override public void setCommitment(Keypair hotkey, int netuid, byte[] raw) {
        requireNetuid(netuid);
        submit(CommitmentStorage.setCommitment(calls().encoder(), netuid, raw), hotkey);
    }

    /**
     * Plain {@code set_weights}, or, when the subnet has commit-reveal on, the same weights as a
     * timelocked commit ({@link #commitTimelockedWeights}), as the SDK does.
     */
    @Override public void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey) {
        setWeights(hotkey, netuid, uids, weights, versionKey, hyperparameters(netuid));
    }

    /** As above, choosing set or commit by {@code known.commitRevealEnabled()} without reading the hyperparameters again. */
    @Override public void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey, SubnetHyperparameters known) {
        requireNetuid(netuid);
        requireWeights("set_weights", uids, weights);
        if (known.commitRevealEnabled()) {
            commitTimelockedWeights(hotkey, netuid, uids, weights, versionKey, System.currentTimeMillis() / 1000.0);
            return;
        }
        submitWeights(calls().setWeights(netuid, uids, weights, versionKey), hotkey);
    }

    /** A timelocked commit as sent: the call, the drand round it opens at and the commit's size. */
    public record TimelockedCommitSent(String call, long revealRound, int commitBytes) {}

    /**
     * The weights encrypted to the drand round of the reveal epoch and committed with the newest
     * commit call the runtime has ({@link TimelockedCommit.CallKind}): the payload carries the
     * hotkey (the legacy payload for {@code commit_crv3_weights}, which old runtimes decode), the
     * round follows the SDK from {@code Tempo}, {@code RevealPeriodEpochs} and 12 s blocks, the
     * version is {@code CommitRevealWeightsVersion}. The chain reveals it by itself when the round's
     * pulse arrives; a commit it cannot open is dropped without an event.
     */
    public TimelockedCommitSent commitTimelockedWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey, double nowSeconds) {
        return commitTimelockedWeights(hotkey, netuid, uids, weights, versionKey, nowSeconds, -1);
    }

    /** The same, encrypted to {@code revealRound} instead of the computed one when it is positive (diagnostics and tests). */
    public TimelockedCommitSent commitTimelockedWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey, double nowSeconds,
                                                        long revealRound) {
        TimelockedCommitPlan plan = planTimelockedCommit(hotkey.publicKey(), netuid, uids, weights, versionKey, nowSeconds, revealRound);
        java.util.List<Object> args = TimelockedCommit.arguments(plan.kind(), netuid, plan.commit(), plan.revealRound(), plan.version());
        submitWeights(calls().encoder().encode(SubtensorCalls.SUBTENSOR, plan.kind().call, args.toArray()), hotkey);
        log.info("chain: committed timelocked weights for {} uids on netuid {} with {} (reveal round {}, {} bytes)", uids.length, netuid,
                plan.kind().call, plan.revealRound(), plan.commit().length);
        return new TimelockedCommitSent(plan.kind().call, plan.revealRound(), plan.commit().length);
    }

    /** A timelocked commit ready to send: the call, the round, the version and the ciphertext. */
    public record TimelockedCommitPlan(TimelockedCommit.CallKind kind, long revealRound, int version, byte[] commit) {}

    /** What {@link #commitTimelockedWeights} would send now, without sending it ({@code ./cgp weights commit --dry-run}). */
    public TimelockedCommitPlan planTimelockedCommit(byte[] hotkeyPublicKey, int netuid, int[] uids, int[] weights, long versionKey,
                                                     double nowSeconds, long revealRound) {
        requireNetuid(netuid);
        requireWeights("commit", uids, weights);
        SubtensorCalls calls = calls();
        TimelockedCommit.CallKind kind = TimelockedCommit.CallKind.newest(name -> calls.encoder().hasCall(SubtensorCalls.SUBTENSOR, name));
        if (kind == null) {
            throw new ChainException("commit on netuid " + netuid + ": the runtime has none of commit_timelocked_mechanism_weights, "
                    + "commit_timelocked_weights or commit_crv3_weights, so timelocked weights cannot be committed");
        }
        String hash = client.blockHash(null);
        int version = Math.toIntExact(client.readOptional(SubtensorStorage.COMMIT_REVEAL_WEIGHTS_VERSION, hash,
                (long) TimelockedCommit.DEFAULT_VERSION));
        if (kind.version && version != TimelockedCommit.DEFAULT_VERSION) {
            log.warn("chain: CommitRevealWeightsVersion is {} on this chain, not the {} this client was built for; committing with {} "
                    + "(the chain refuses any other)", version, TimelockedCommit.DEFAULT_VERSION, version);
        }
        long round = revealRound > 0 ? revealRound : revealRoundAt(hash, netuid, nowSeconds);
        byte[] payload = TimelockedCommit.payload(hotkeyPublicKey, uids, weights, versionKey, kind == TimelockedCommit.CallKind.CRV3);
        byte[] commit = Timelock.quicknet().encrypt(payload, round);
        TimelockedCommit.arguments(kind, netuid, commit, round, version); // the size check, before anything is sent
        return new TimelockedCommitPlan(kind, round, version, commit);
    }

    /**
     * The round a commit sent now must be encrypted to: from the chain's epoch state at the best
     * block where the runtime keeps one ({@link EpochSchedule}), else the legacy grid the SDK assumes.
     */
    public long revealRound(int netuid, double nowSeconds) {
        requireNetuid(netuid);
        return revealRoundAt(client.blockHash(null), netuid, nowSeconds);
    }

    /** The same at block {@code hash} (the one the caller already read its other items at). */
    private long revealRoundAt(String hash, int netuid, double nowSeconds) {
        long block = client.blockNumberAt(hash);
        int tempo = Math.toIntExact(client.read(SubtensorStorage.TEMPO, hash, netuid));
        int period = Math.toIntExact(client.readOptional(SubtensorStorage.REVEAL_PERIOD_EPOCHS, hash, 1L, netuid));
        if (!client.has(SubtensorStorage.LAST_EPOCH_BLOCK) || !client.has(SubtensorStorage.SUBNET_EPOCH_INDEX)) {
            return TimelockedCommit.revealRound(tempo, block, netuid, period, BLOCK_SECONDS, nowSeconds);
        }
        EpochSchedule.State state = new EpochSchedule.State(tempo,
                client.read(SubtensorStorage.LAST_EPOCH_BLOCK, hash, netuid),
                client.readOptional(SubtensorStorage.PENDING_EPOCH_AT, hash, 0L, netuid),
                client.read(SubtensorStorage.SUBNET_EPOCH_INDEX, hash, netuid),
                client.readOptional(SubtensorStorage.BLOCKS_SINCE_LAST_STEP, hash, 0L, netuid));
        long round = EpochSchedule.revealRound(state, block, period, BLOCK_SECONDS, nowSeconds);
        log.debug("chain: reveal round {} from the epoch state {} at block {}", round, state, block);
        return round;
    }

    /** Hash commit-reveal, step 1: commits {@link #commitHash} of these weights; returns the hash. */
    public byte[] commitWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, int[] salt, long versionKey) {
        requireNetuid(netuid);
        requireWeights("commit_weights", uids, weights);
        byte[] hash = commitHash(hotkey.publicKey(), netuid, uids, weights, salt, versionKey);
        submitWeights(calls().commitWeights(netuid, hash), hotkey);
        return hash;
    }

    /** Hash commit-reveal, step 2: reveals weights committed earlier with the same salt and version key. */
    public void revealWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, int[] salt, long versionKey) {
        requireNetuid(netuid);
        requireWeights("reveal_weights", uids, weights);
        submitWeights(calls().revealWeights(netuid, uids, weights, salt, versionKey), hotkey);
    }

    /** What {@link #reconcile} found of the journaled extrinsic. */
    public enum Reconciled { NONE, LANDED, EXPIRED }

    /**
     * Settles the journaled weights extrinsic, if any, before another is signed: landed (the
     * signer's nonce on chain has passed it), expired (its era is over and it never landed) or, while
     * it can still land, a {@link SubmissionPendingException}.
     */
    public Reconciled reconcile(Keypair signer) {
        if (journal == null) return Reconciled.NONE;
        Optional<SubmissionJournal.Entry> pending = journal.pending();
        if (pending.isEmpty()) return Reconciled.NONE;
        SubmissionJournal.Entry e = pending.get();
        if (!e.signer().equals(signer.ss58Address())) {
            log.warn("chain: the journaled {} was signed by another hotkey ({}); it does not hold back {}", e.call(), e.signer(), signer.ss58Address());
            journal.clear();
            return Reconciled.NONE;
        }
        long onChainNonce = accountNonce(signer.publicKey());
        if (onChainNonce > e.nonce()) {
            log.info("chain: the {} sent before (nonce {}, {}) is on chain; the journal is cleared", e.call(), e.nonce(), e.txHash());
            journal.clear();
            return Reconciled.LANDED;
        }
        long block = currentBlock();
        if (block <= e.lastValidBlock()) {
            throw new SubmissionPendingException("the " + e.call() + " sent before (nonce " + e.nonce() + ", " + e.txHash()
                    + ") can still land until block " + e.lastValidBlock() + " (now " + block + "); not signing another", e.nonce(), e.lastValidBlock());
        }
        log.info("chain: the {} sent before (nonce {}) never landed and its era ended at block {}; signing anew", e.call(), e.nonce(),
                e.lastValidBlock());
        journal.clear();
        return Reconciled.EXPIRED;
    }

    /** The signer's nonce as the chain has it at the best block ({@code System.Account}), not counting the pool. */
    long accountNonce(byte[] publicKey) {
        Object account = client.storage("System", "Account", publicKey);
        if (account instanceof java.util.Map<?, ?> m && m.get("nonce") instanceof Number n) return n.longValue();
        throw new ChainException("System.Account has no nonce: " + account);
    }

    /**
     * A weights extrinsic: without a journal as {@link #submit}; with one, reconciled, journaled and
     * synced before the broadcast, and cleared once it is in a block or refused (an uncertain outcome,
     * a timeout or a lost connection, leaves it for {@link #reconcile}).
     */
    private void submitWeights(Call call, Keypair signer) {
        if (journal == null) {
            submit(call, signer);
            return;
        }
        reconcile(signer);
        long lastValid = currentBlock() + ERA_PERIOD + 1; // the era's birth is at most the next block
        SignedExtrinsic xt = submitter.sign(call, signer);
        journal.record(new SubmissionJournal.Entry(call.qualifiedName(), xt.signer(), xt.nonce(), lastValid, xt.hash()));
        try {
            submitter.submitAndWatch(xt);
        } catch (DispatchException | PoolRejectedException e) { // in a block, failed; or never admitted
            journal.clear();
            throw e;
        }
        journal.clear();
    }

    /** The chain's commit hash: blake2b-256 of SCALE(account, netuid u16, uids Vec<u16>, values Vec<u16>, salt Vec<u16>, version_key u64). */
    public static byte[] commitHash(byte[] account, int netuid, int[] uids, int[] values, int[] salt, long versionKey) {
        if (account.length != 32) throw new IllegalArgumentException("an account id has 32 bytes");
        byte[] preimage = new ScaleWriter().raw(account).u16(netuid).vecU16(uids).vecU16(values).vecU16(salt).u64(versionKey).toByteArray();
        return Hashing.blake2b256(preimage);
    }

    private static void requireWeights(String call, int[] uids, int[] weights) {
        if (uids.length != weights.length) {
            throw new IllegalArgumentException(call + ": " + uids.length + " uids but " + weights.length + " weights");
        }
        for (int i = 0; i < uids.length; i++) {
            if (uids[i] < 0 || uids[i] > 0xffff || weights[i] < 0 || weights[i] > 0xffff) {
                throw new IllegalArgumentException(call + ": uid " + uids[i] + " weight " + weights[i] + " is not a pair of u16");
            }
        }
    }

    private static BigInteger toBig(Object v) {
        if (v instanceof BigInteger b) return b;
        if (v instanceof Number n) return BigInteger.valueOf(n.longValue());
        return null;
    }

    private static void requireNetuid(int netuid) {
        if (netuid < 0 || netuid > 0xffff) throw new IllegalArgumentException("netuid must be 0..65535, got " + netuid);
    }

    @Override public void close() { client.close(); }
}
