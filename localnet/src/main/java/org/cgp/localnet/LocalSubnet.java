package org.cgp.localnet;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.cgp.chain.Neuron;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.miner.Miner;
import org.cgp.miner.MinerConfig;
import org.cgp.protocol.commitment.CommitmentKeys;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole subnet on one machine with no chain: an offline chain where uid 0 is a validator (and the subnet owner) and
 * uids 1..n are miners, each miner a real axon on a loopback port with its own fresh hotkey,
 * announced through the offline chain's serve_axon. Used by the local round and the verbose test.
 */
public final class LocalSubnet implements AutoCloseable {
    public static final int NETUID = 1;
    public static final int VALIDATOR_UID = 0;
    /**
     * The local miners share one offline tagger, so they differ only in how many tags they send
     * back: all of them, a handful, and the bare minimum of three (which the scoring penalises). That makes the
     * final table show the scoring at work rather than three equal rows.
     */
    static final int[] LOCAL_TAG_LIMITS = {20, 6, 3};
    private static final Logger log = LoggerFactory.getLogger(LocalSubnet.class);

    /** Where a miner of a local subnet with commitments points the metagraph: a loopback port nothing listens on. */
    public static final String PLACEHOLDER_IP = "127.0.0.1";
    public static final int PLACEHOLDER_PORT = 1;

    private final OfflineChain chain;
    private final Keypair validatorKey;
    private final List<Miner> miners;
    private final byte[] commitmentPrivateKey;

    private LocalSubnet(OfflineChain chain, Keypair validatorKey, List<Miner> miners, byte[] commitmentPrivateKey) {
        this.chain = chain;
        this.validatorKey = validatorKey;
        this.miners = miners;
        this.commitmentPrivateKey = commitmentPrivateKey;
    }

    /** Starts {@code minerCount} miners sharing one LLM client and embedder. */
    public static LocalSubnet start(int minerCount, LlmClient llm, Embedder embedder) throws InterruptedException {
        return start(minerCount, llm, embedder, new SimpleMeterRegistry());
    }

    /** As {@link #start(int, LlmClient, Embedder)}, the miners metering into {@code registry}. */
    public static LocalSubnet start(int minerCount, LlmClient llm, Embedder embedder, MeterRegistry registry)
            throws InterruptedException {
        return start(minerCount, llm, embedder, registry, null);
    }

    /**
     * A local subnet whose miners hide behind sealed endpoint commitments, as CGP 2.37 miners do:
     * each seals its loopback endpoint to a fresh subnet key and, once the offline chain holds it,
     * shows {@link #PLACEHOLDER_IP}:{@link #PLACEHOLDER_PORT} in the metagraph. A validator reaches
     * them only with {@link #commitmentPrivateKey()}.
     */
    public static LocalSubnet startWithCommitments(int minerCount, LlmClient llm, Embedder embedder, MeterRegistry registry)
            throws InterruptedException {
        return start(minerCount, llm, embedder, registry, CommitmentKeys.newPrivateKey());
    }

    private static LocalSubnet start(int minerCount, LlmClient llm, Embedder embedder, MeterRegistry registry, byte[] commitmentKey)
            throws InterruptedException {
        if (minerCount < 1) throw new IllegalArgumentException("--miners must be >= 1, got " + minerCount);
        Keypair validatorKey = Keypair.generate();
        List<Keypair> minerKeys = new ArrayList<>();
        List<Neuron> neurons = new ArrayList<>();
        neurons.add(Neuron.of(VALIDATOR_UID, validatorKey.ss58Address(), validatorKey.ss58Address(), 5000, true,
                new AxonInfo("0.0.0.0", 0, validatorKey.ss58Address())));
        for (int uid = 1; uid <= minerCount; uid++) {
            Keypair k = Keypair.generate();
            minerKeys.add(k);
            neurons.add(Neuron.of(uid, k.ss58Address(), k.ss58Address(), 10, false, new AxonInfo("0.0.0.0", 0, k.ss58Address())));
        }
        // the validator's hotkey owns the subnet: its uid is left out of the ranking, as the subnet owner's is on the network
        OfflineChain chain = new OfflineChain(NETUID, neurons, SubnetHyperparameters.permissive(), validatorKey.ss58Address());
        List<Miner> miners = new ArrayList<>();
        try {
            for (int i = 0; i < minerKeys.size(); i++) {
                MinerConfig.Builder b = MinerConfig.local(NETUID).toBuilder().maxTags(LOCAL_TAG_LIMITS[i % LOCAL_TAG_LIMITS.length]);
                if (commitmentKey != null) b.commitmentKey(CommitmentKeys.publicKeyOf(commitmentKey)).placeholderAxon(PLACEHOLDER_IP, PLACEHOLDER_PORT);
                MinerConfig config = b.build();
                miners.add(Miner.start(config, minerKeys.get(i), chain, llm, embedder, registry));
            }
        } catch (InterruptedException | RuntimeException e) {
            miners.forEach(Miner::close);
            throw e;
        }
        log.info("Local subnet: validator uid {} {}, {} miners on loopback", VALIDATOR_UID, validatorKey.ss58Address(), miners.size());
        return new LocalSubnet(chain, validatorKey, miners, commitmentKey);
    }

    /** The validators' commitment key of a subnet started {@link #startWithCommitments with commitments}, else null. */
    public byte[] commitmentPrivateKey() { return commitmentPrivateKey == null ? null : commitmentPrivateKey.clone(); }

    public OfflineChain chain() { return chain; }

    public Keypair validatorKey() { return validatorKey; }

    public List<Miner> miners() { return List.copyOf(miners); }

    @Override public void close() { miners.forEach(Miner::close); }
}
