package org.cgp.miner;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.cgp.chain.Chain;
import org.cgp.chain.ChainException;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.StoredCommitment;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.commitment.CommitmentKeys;
import org.cgp.protocol.commitment.EndpointCommitment;
import org.cgp.protocol.keys.Keypair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The miner's endpoint commitment: published, read back, and only then the placeholder in the
 * metagraph; a refusal is logged as one, retried with backoff, and the real axon stays meanwhile.
 */
class EndpointPublisherTest {
    private final Keypair hotkey = Keypair.generate();
    private final byte[] key = CommitmentKeys.newPrivateKey();
    private final AtomicLong now = new AtomicLong(0);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach void captureLogs() {
        logs.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach void neverAnAddressInTheLogs() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("203.0.113.5"));
    }

    private OfflineChain offline() {
        return new OfflineChain(1, List.of(Neuron.of(0, hotkey.ss58Address(), "c", 1, false, new AxonInfo("0.0.0.0", 0, hotkey.ss58Address()))),
                SubnetHyperparameters.permissive());
    }

    private EndpointPublisher publisher(Chain chain) {
        return new EndpointPublisher(chain, hotkey, 1, CommitmentKeys.publicKeyOf(key), Duration.ofSeconds(30), now::get);
    }

    private List<String> messages() { return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList(); }

    @Test
    void aConfirmedCommitmentOpensToTheEndpointAndIsNotPublishedTwice() {
        Gate chain = new Gate(offline());
        EndpointPublisher p = publisher(chain);
        assertThat(p.ensure("203.0.113.5", 8091)).isTrue();
        byte[] raw = chain.offline.commitment(1, hotkey.ss58Address()).orElseThrow().raw();
        assertThat(EndpointCommitment.open(key, raw, hotkey.ss58Address()).address()).isEqualTo("203.0.113.5:8091");
        assertThat(p.ensure("203.0.113.5", 8091)).isTrue();
        assertThat(chain.publishes).hasValue(1);
        assertThat(p.ensure("203.0.113.5", 8092)).as("a new port: a new commitment").isTrue();
        assertThat(chain.publishes).hasValue(2);
        chain.offline.withCommitment(hotkey.ss58Address(), new byte[] {9, 9, 9}); // the chain lost it (or a restart of a dev chain)
        assertThat(p.ensure("203.0.113.5", 8092)).isTrue();
        assertThat(chain.publishes).hasValue(3);
        assertThat(messages()).anyMatch(m -> m.contains("no longer holds this miner's endpoint commitment"));
    }

    @Test
    void aRefusalIsLoggedAsOneAndRetriedWithBackoff() {
        Gate chain = new Gate(offline());
        chain.refuse.set(true);
        EndpointPublisher p = publisher(chain);
        assertThat(p.ensure("203.0.113.5", 8091)).isFalse();
        assertThat(messages()).anyMatch(m -> m.contains("is NOT published") && m.contains("SpaceLimitExceeded") && m.contains("trying again in 30 s"));
        assertThat(messages()).noneMatch(m -> m.startsWith("Published"));
        assertThat(p.ensure("203.0.113.5", 8091)).isFalse();
        assertThat(chain.attempts).as("not before the backoff has passed").hasValue(1);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(p.ensure("203.0.113.5", 8091)).isFalse();
        assertThat(messages()).anyMatch(m -> m.contains("trying again in 60 s"));
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        chain.refuse.set(false);
        assertThat(p.ensure("203.0.113.5", 8091)).isTrue();
        assertThat(messages()).anyMatch(m -> m.startsWith("Published the endpoint commitment on netuid 1"));
    }

    @Test
    void aPublishTheChainDoesNotHoldIsNotCalledPublished() {
        Gate chain = new Gate(offline());
        chain.drop.set(true);
        assertThat(publisher(chain).ensure("203.0.113.5", 8091)).isFalse();
        assertThat(messages()).anyMatch(m -> m.contains("NOT published (it was sent, but the chain holds no commitment for this hotkey)"));
    }

    @Test
    void theMinerKeepsItsRealAxonUntilTheCommitmentIsConfirmed() throws Exception {
        Gate chain = new Gate(offline());
        chain.refuse.set(true);
        MinerConfig config = MinerConfig.local(1).toBuilder().forceValidatorPermit(false).metagraphRefresh(Duration.ofSeconds(1))
                .commitmentKey(CommitmentKeys.publicKeyOf(key)).placeholderAxon("127.0.0.1", 1).commitmentRetry(Duration.ofMillis(200)).build();
        LlmConfig offlineLlm = LlmConfig.offline();
        try (Miner miner = Miner.start(config, hotkey, chain, LlmProviders.chat(offlineLlm), null)) {
            assertThat(chain.offline.metagraph(1).neurons().get(0).axon()).as("refused: the real axon is announced")
                    .isEqualTo(new AxonInfo("127.0.0.1", miner.port(), hotkey.ss58Address()));
            chain.refuse.set(false);
            AxonInfo shown = null;
            for (int i = 0; i < 100; i++) {
                shown = chain.offline.metagraph(1).neurons().get(0).axon();
                if (shown.port() == 1) break;
                Thread.sleep(50);
            }
            assertThat(shown).as("confirmed: the placeholder").isEqualTo(new AxonInfo("127.0.0.1", 1, hotkey.ss58Address()));
            assertThat(chain.publishes).hasValue(1);
        }
    }

    /** An offline chain that can refuse a commitment (a dispatch error) or drop it silently. */
    private static final class Gate implements Chain {
        final OfflineChain offline;
        final AtomicBoolean refuse = new AtomicBoolean();
        final AtomicBoolean drop = new AtomicBoolean();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger publishes = new AtomicInteger();
        Gate(OfflineChain offline) { this.offline = offline; }
        @Override public long currentBlock() { return offline.currentBlock(); }
        @Override public Metagraph metagraph(int netuid) { return offline.metagraph(netuid); }
        @Override public SubnetHyperparameters hyperparameters(int netuid) { return offline.hyperparameters(netuid); }
        @Override public Optional<String> subnetOwnerHotkey(int netuid) { return Optional.empty(); }
        @Override public void serveAxon(Keypair hotkey, int netuid, AxonInfo axon) { offline.serveAxon(hotkey, netuid, axon); }
        @Override public void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey) {}
        @Override public Optional<StoredCommitment> commitment(int netuid, String hotkey) { return offline.commitment(netuid, hotkey); }
        @Override public Map<String, StoredCommitment> commitments(int netuid) { return offline.commitments(netuid); }
        @Override public void setCommitment(Keypair hotkey, int netuid, byte[] raw) {
            attempts.incrementAndGet();
            if (refuse.get()) throw new ChainException("Commitments.set_commitment failed in block 0x12: Commitments.SpaceLimitExceeded");
            if (drop.get()) return;
            publishes.incrementAndGet();
            offline.setCommitment(hotkey, netuid, raw);
        }
    }
}
