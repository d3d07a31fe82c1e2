package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.cgp.chain.Chain;
import org.cgp.chain.ChainException;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.StoredCommitment;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.localnet.LocalSubnet;
import org.cgp.miner.Miner;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.commitment.CommitmentKeys;
import org.cgp.protocol.commitment.EndpointCommitment;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.keys.Keypair;
import org.cgp.validator.bundle.PreparedBundle;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the validator sends each miner's task: its committed endpoint when the commitment opens for
 * its hotkey, else the metagraph axon; refreshed in one pass (debounced), per miner after a failure,
 * and never by way of a log line naming an address.
 */
class MinerEndpointsTest {
    private static final int NETUID = 1;
    private final byte[] key = CommitmentKeys.newPrivateKey();
    private final byte[] pub = CommitmentKeys.publicKeyOf(key);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    @TempDir Path dir;

    @BeforeEach void captureLogs() {
        logs.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach void noAddressInInfoLogs() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.matches("(?s).*\\b(127\\.0\\.0\\.1|203\\.0\\.113\\.\\d+)\\b.*"));
    }

    private static List<Neuron> miners(int n) {
        List<Neuron> out = new ArrayList<>();
        for (int uid = 0; uid < n; uid++) {
            String hk = Keypair.generate().ss58Address();
            out.add(Neuron.of(uid, hk, "c", 1, false, new AxonInfo("127.0.0.1", 1000 + uid, hk)));
        }
        return out;
    }

    private MinerEndpoints endpoints(Chain chain) { return new MinerEndpoints(chain, NETUID, key, now::get); }

    @Test
    void onlyACommitmentThatOpensForItsHotkeyReplacesTheMetagraphAxon() {
        List<Neuron> n = miners(6);
        OfflineChain chain = new OfflineChain(NETUID, n, SubnetHyperparameters.permissive());
        byte[] good = EndpointCommitment.seal(pub, n.get(0).hotkey(), "203.0.113.10", 8091);
        chain.withCommitment(n.get(0).hotkey(), good)
                .withCommitment(n.get(1).hotkey(), new byte[] {1, 2, 3, 4}) // garbage
                .withCommitment(n.get(2).hotkey(), good) // uid 0's, copied
                .withCommitment(n.get(3).hotkey(), EndpointCommitment.seal(CommitmentKeys.publicKeyOf(CommitmentKeys.newPrivateKey()),
                        n.get(3).hotkey(), "203.0.113.13", 8091)) // another subnet's key
                .withCommitment(n.get(4).hotkey(), null); // a commitment whose first field is not Raw
        MinerEndpoints e = endpoints(chain);
        Metagraph mg = chain.metagraph(NETUID);
        e.refreshAll(mg, true);
        assertThat(e.committedCount()).isEqualTo(1);
        assertThat(e.axonFor(n.get(0))).isEqualTo(new AxonInfo("203.0.113.10", 8091, n.get(0).hotkey()));
        for (int uid = 1; uid < 6; uid++) assertThat(e.axonFor(n.get(uid))).as("uid %d", uid).isEqualTo(n.get(uid).axon());
        assertThat(logs.list).anySatisfy(l -> assertThat(l.getFormattedMessage()).contains("Rejected the commitment of uid 2").contains("hotkey mismatch"));
        assertThat(logs.list).anySatisfy(l -> assertThat(l.getFormattedMessage()).isEqualTo("Commitments: 1 new, 0 cached, 1 total, 3 refused"));
    }

    @Test
    void withoutAKeyEveryMinerIsAtItsMetagraphAxonAndTheChainIsNotAsked() {
        List<Neuron> n = miners(2);
        Chain refusing = new FailingChain(new OfflineChain(NETUID, n, SubnetHyperparameters.permissive()));
        MinerEndpoints e = new MinerEndpoints(refusing, NETUID, null);
        e.refreshAll(refusing.metagraph(NETUID), true);
        e.refreshOne(n.get(0));
        assertThat(e.enabled()).isFalse();
        assertThat(e.axonFor(n.get(0))).isEqualTo(n.get(0).axon());
    }

    @Test
    void theFullReadIsDebouncedReusesUnchangedBlocksAndSurvivesAChainThatFails() {
        List<Neuron> n = miners(2);
        OfflineChain offline = new OfflineChain(NETUID, n, SubnetHyperparameters.permissive());
        offline.withCommitment(n.get(0).hotkey(), EndpointCommitment.seal(pub, n.get(0).hotkey(), "203.0.113.10", 8091));
        FailingChain chain = new FailingChain(offline);
        chain.fail = false;
        MinerEndpoints e = endpoints(chain);
        Metagraph mg = offline.metagraph(NETUID);
        e.refreshAll(mg, true);
        offline.currentBlock();
        offline.withCommitment(n.get(0).hotkey(), EndpointCommitment.seal(pub, n.get(0).hotkey(), "203.0.113.20", 9000));
        e.refreshAll(mg, false);
        assertThat(e.axonFor(n.get(0)).port()).as("within 5 minutes of the last read nothing is read").isEqualTo(8091);
        now.addAndGet(MinerEndpoints.REFRESH_EVERY.toNanos());
        chain.fail = true;
        e.refreshAll(mg, false);
        assertThat(e.axonFor(n.get(0)).port()).as("a failed read keeps what was known").isEqualTo(8091);
        chain.fail = false;
        now.addAndGet(MinerEndpoints.REFRESH_EVERY.toNanos());
        e.refreshAll(mg, false);
        assertThat(e.axonFor(n.get(0)).port()).as("a new block: decrypted again").isEqualTo(9000);
        e.refreshAll(mg, true);
        assertThat(logs.list).anySatisfy(l -> assertThat(l.getFormattedMessage()).isEqualTo("Commitments: 0 new, 1 cached, 1 total"));
        // a miner that leaves the metagraph loses its endpoint
        e.refreshAll(new Metagraph(NETUID, 9, List.of(Neuron.of(0, n.get(1).hotkey(), "c", 1, false, n.get(1).axon()))), true);
        assertThat(e.committedCount()).isZero();
    }

    @Test
    void aFailedMinersCommitmentIsReadAgainAtMostEveryFiveMinutesAndACopyEvictsIt() {
        List<Neuron> n = miners(2);
        OfflineChain chain = new OfflineChain(NETUID, n, SubnetHyperparameters.permissive());
        chain.withCommitment(n.get(0).hotkey(), EndpointCommitment.seal(pub, n.get(0).hotkey(), "203.0.113.10", 8091));
        MinerEndpoints e = endpoints(chain);
        e.refreshAll(chain.metagraph(NETUID), true);
        chain.withCommitment(n.get(0).hotkey(), EndpointCommitment.seal(pub, n.get(0).hotkey(), "203.0.113.10", 8092));
        e.refreshOne(n.get(0));
        assertThat(e.axonFor(n.get(0)).port()).isEqualTo(8092);
        chain.withCommitment(n.get(0).hotkey(), EndpointCommitment.seal(pub, n.get(1).hotkey(), "203.0.113.11", 8093)); // now someone else's
        e.refreshOne(n.get(0));
        assertThat(e.axonFor(n.get(0)).port()).as("debounced").isEqualTo(8092);
        now.addAndGet(MinerEndpoints.REFRESH_EVERY.toNanos());
        e.refreshOne(n.get(0));
        assertThat(e.axonFor(n.get(0))).as("a copied commitment is evicted: the metagraph axon again").isEqualTo(n.get(0).axon());
    }

    /**
     * The live retry: a miner whose commitment pointed at an old address answers nothing (503); the
     * validator reads its commitment again, finds the new endpoint and retries there once (200).
     * The metagraph holds placeholders only (a loopback port nothing listens on).
     */
    @Test
    void aStaleCommitmentIsReadAgainAfterTheFailureAndTheRetryLands() throws Exception {
        LlmClient llm = OfflineModels.llm();
        Embedder embedder = OfflineModels.embedder();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (LocalSubnet subnet = LocalSubnet.start(2, llm, embedder);
             ResultStore store = ResultStore.sqlite(dir.resolve("s.sqlite"));
             Dendrite dendrite = new Dendrite(subnet.validatorKey())) {
            OfflineChain chain = subnet.chain();
            Miner moved = subnet.miners().get(0), stayed = subnet.miners().get(1);
            chain.withCommitment(moved.hotkey(), EndpointCommitment.seal(pub, moved.hotkey(), "127.0.0.1", closed));
            chain.withCommitment(stayed.hotkey(), EndpointCommitment.seal(pub, stayed.hotkey(), "127.0.0.1", stayed.port()));
            Metagraph real = chain.metagraph(LocalSubnet.NETUID);
            List<Neuron> hidden = new ArrayList<>();
            for (Neuron u : real.neurons()) {
                hidden.add(u.uid() == 0 ? u : new Neuron(u.uid(), u.hotkey(), u.coldkey(), u.stake(), u.validatorPermit(), u.active(),
                        new AxonInfo("127.0.0.1", closed, u.hotkey()), 0, 0, 0, 0, 0));
            }
            Metagraph placeholders = new Metagraph(real.netuid(), real.block(), hidden);
            MinerEndpoints endpoints = new MinerEndpoints(chain, LocalSubnet.NETUID, key);
            endpoints.refreshAll(placeholders, true);
            assertThat(endpoints.committedCount()).isEqualTo(2);
            chain.withCommitment(moved.hotkey(), EndpointCommitment.seal(pub, moved.hotkey(), "127.0.0.1", moved.port())); // it moved
            ValidatorStep step = ValidatorStep.builder().source(new LocalConversations(ConversationFiles.samples(), "samples")).llm(llm)
                    .embedder(embedder).dendrite(dendrite).metagraph(() -> placeholders)
                    .self(LocalSubnet.VALIDATOR_UID, subnet.validatorKey().ss58Address()).sampler(new MinerSampler(new Random(1), 4096))
                    .recorder(store).settings(StepSettings.defaults(LocalSubnet.NETUID)).endpoints(endpoints).build();
            PreparedBundle p = step.reserve().flatMap(step::prepare).orElseThrow();
            WindowOutcome o = step.sendTask(step.recordGroundTruth(p), p.tasks().get(0));
            assertThat(o.results()).hasSize(2).allSatisfy(r -> assertThat(r.status()).as("uid %d: %s", r.uid(), r.statusMessage()).isEqualTo(200));
            int movedUid = real.byHotkey(moved.hotkey()).orElseThrow().uid();
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .contains("Refreshed the commitment of uid " + movedUid + " after a failed request")
                    .anyMatch(m -> m.startsWith("Retrying 1 miners that answered [503]: [" + movedUid + "]"));
        }
    }

    /** A chain whose commitment reads fail while {@code fail} is set (an RPC outage). */
    private static final class FailingChain implements Chain {
        final OfflineChain offline;
        volatile boolean fail = true;
        FailingChain(OfflineChain offline) { this.offline = offline; }
        @Override public long currentBlock() { return offline.currentBlock(); }
        @Override public Metagraph metagraph(int netuid) { return offline.metagraph(netuid); }
        @Override public SubnetHyperparameters hyperparameters(int netuid) { return offline.hyperparameters(netuid); }
        @Override public Optional<String> subnetOwnerHotkey(int netuid) { return Optional.empty(); }
        @Override public void serveAxon(Keypair hotkey, int netuid, AxonInfo axon) {}
        @Override public void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey) {}
        @Override public Optional<StoredCommitment> commitment(int netuid, String hotkey) {
            if (fail) throw new ChainException("connection refused");
            return offline.commitment(netuid, hotkey);
        }
        @Override public Map<String, StoredCommitment> commitments(int netuid) {
            if (fail) throw new ChainException("connection refused");
            return offline.commitments(netuid);
        }
    }
}
