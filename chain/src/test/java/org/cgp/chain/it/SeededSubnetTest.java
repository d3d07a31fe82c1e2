package org.cgp.chain.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cgp.chain.ChainException;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.chain.SubtensorChain;
import org.cgp.chain.extrinsic.DispatchException;
import org.cgp.chain.extrinsic.ExtrinsicResult;
import org.cgp.chain.rpc.RpcConfig;
import org.cgp.chain.subtensor.SubtensorCalls;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's seeding recipe on the real runtime 218, done with this module's own signed
 * extrinsics: sudo via //Alice, register_network, hyperparameters, burned_register of three
 * hotkeys, serve_axon at 127.0.0.2, add_stake, an epoch of blocks; then the metagraph, weights and
 * the dispatch errors the daemons must survive.
 */
@ExtendWith(ChopsticksExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeededSubnetTest {
    private static final long TAO = 1_000_000_000L;
    private static final int NETUID = 2;
    private static final Keypair ALICE = Keypair.fromUri("//Alice");
    private static final Keypair BOB = Keypair.fromUri("//Bob");
    private static final Keypair CHARLIE = Keypair.fromUri("//Charlie");
    private static final Keypair DAVE = Keypair.fromUri("//Dave");
    private static final List<Keypair> HOTKEYS = List.of(BOB, CHARLIE, DAVE);

    private static SubtensorChain chain;
    private static SubtensorCalls calls;

    @BeforeAll
    static void seed(Chopsticks node) {
        chain = new SubtensorChain(org.cgp.chain.subtensor.SubtensorClient.connect(node.wsUrl(), RpcConfig.defaults()), Duration.ofSeconds(60));
        calls = chain.calls();
        sudo("sudo_set_network_rate_limit", 0L);
        ExtrinsicResult reg = chain.submit(calls.registerNetwork(ALICE.publicKey(), 1), ALICE);
        assertThat(reg.events()).contains("SubtensorModule.NetworkAdded");
        sudo("sudo_set_tempo", NETUID, 10);
        sudo("sudo_set_weights_set_rate_limit", NETUID, 0L);
        sudo("sudo_set_weights_min_stake", 0L);
        sudo("sudo_set_tx_rate_limit", 0L);
        if (chain.hyperparameters(NETUID).commitRevealEnabled()) sudo("sudo_set_commit_reveal_weights_enabled", NETUID, false);
        for (Keypair hk : HOTKEYS) {
            chain.submit(calls.burnedRegister(NETUID, hk.publicKey()), ALICE);
            chain.submit(calls.transfer(hk.publicKey(), 10 * TAO), ALICE);
        }
        for (int i = 0; i < HOTKEYS.size(); i++) {
            Keypair hk = HOTKEYS.get(i);
            chain.serveAxon(hk, NETUID, new AxonInfo("127.0.0.2", 8091 + i, hk.ss58Address()));
        }
        assertThat(chain.submit(calls.addStake(BOB.publicKey(), NETUID, 1000 * TAO), ALICE).events()).contains("SubtensorModule.StakeAdded");
        newBlocks(25);
    }

    private static void sudo(String adminCall, Object... args) {
        ExtrinsicResult r = chain.submit(calls.sudo(calls.adminUtils(adminCall, args)), ALICE);
        assertThat(r.events()).as(adminCall).contains("Sudo.Sudid");
    }

    private static void newBlocks(int n) {
        chain.client().rpc().call("dev_newBlock", Map.of("count", n));
    }

    @AfterAll
    static void close() {
        if (chain != null) chain.close();
    }

    @Test
    @Order(1)
    void metagraphShowsTheRegisteredHotkeysAxonsAndPermit() {
        Metagraph mg = chain.metagraph(NETUID);
        assertThat(mg.hotkeys()).contains(BOB.ss58Address(), CHARLIE.ss58Address(), DAVE.ss58Address());
        for (int i = 0; i < HOTKEYS.size(); i++) {
            Neuron n = mg.byHotkey(HOTKEYS.get(i).ss58Address()).orElseThrow();
            assertThat(n.axon().ip()).isEqualTo("127.0.0.2");
            assertThat(n.axon().port()).isEqualTo(8091 + i);
            assertThat(n.coldkey()).isEqualTo(ALICE.ss58Address());
        }
        Neuron bob = mg.byHotkey(BOB.ss58Address()).orElseThrow();
        assertThat(bob.validatorPermit()).isTrue();
        // at 218 a new subnet's pool is empty, so Bob's 1000 TAO buys no alpha; the owner's lock is alpha stake
        Neuron owner = mg.byHotkey(ALICE.ss58Address()).orElseThrow();
        assertThat(owner.uid()).isZero();
        assertThat(owner.stake()).isGreaterThan(1.0);
        assertThat(mg.block()).isGreaterThan(25);
    }

    @Test
    @Order(2)
    void hyperparametersReflectTheSudoCalls() {
        SubnetHyperparameters hp = chain.hyperparameters(NETUID);
        assertThat(hp.tempo()).isEqualTo(10);
        assertThat(hp.weightsRateLimit()).isZero();
        assertThat(hp.commitRevealEnabled()).isFalse();
    }

    @Test
    @Order(3)
    void serveAxonIsSkippedWhenTheChainAlreadyHasIt() {
        long before = chain.currentBlock();
        chain.serveAxon(BOB, NETUID, new AxonInfo("127.0.0.2", 8091, BOB.ss58Address()));
        assertThat(chain.currentBlock()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void setWeightsIsStoredNormalisedAsTheChainDoes() {
        Metagraph mg = chain.metagraph(NETUID);
        int bob = mg.byHotkey(BOB.ss58Address()).orElseThrow().uid();
        int charlie = mg.byHotkey(CHARLIE.ss58Address()).orElseThrow().uid();
        int dave = mg.byHotkey(DAVE.ss58Address()).orElseThrow().uid();
        chain.setWeights(BOB, NETUID, new int[] {charlie, dave}, new int[] {40000, 25535}, 0);
        Object stored = chain.client().storage("SubtensorModule", "Weights", NETUID, bob);
        assertThat(stored).isEqualTo(List.of(List.of(charlie, 65535), List.of(dave, 41836)));
        assertThat(chain.metagraph(NETUID).neurons().get(bob).lastUpdate()).isPositive();
    }

    @Test
    @Order(5)
    void settingWeightsTooFastIsADispatchErrorByName() {
        sudo("sudo_set_weights_set_rate_limit", NETUID, 100L);
        int charlie = chain.metagraph(NETUID).byHotkey(CHARLIE.ss58Address()).orElseThrow().uid();
        assertThatThrownBy(() -> chain.setWeights(BOB, NETUID, new int[] {charlie}, new int[] {1}, 0))
                .isInstanceOf(DispatchException.class)
                .hasMessageContaining("SubtensorModule.set_weights")
                .satisfies(e -> assertThat(((DispatchException) e).shortName()).isEqualTo("SettingWeightsTooFast"));
        sudo("sudo_set_weights_set_rate_limit", NETUID, 0L);
    }

    @Test
    @Order(6)
    void anUnregisteredHotkeyIsRefusedByName() {
        Keypair eve = Keypair.fromUri("//Eve");
        chain.submit(calls.transfer(eve.publicKey(), 10 * TAO), ALICE);
        assertThatThrownBy(() -> chain.serveAxon(eve, NETUID, new AxonInfo("127.0.0.2", 9000, eve.ss58Address())))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.errorName()).isEqualTo("SubtensorModule.HotKeyNotRegisteredInNetwork"))
                .hasMessageContaining("SubtensorModule.serve_axon failed in block");
        assertThatThrownBy(() -> chain.setWeights(eve, NETUID, new int[] {1}, new int[] {1}, 0))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.shortName()).isEqualTo("HotKeyNotRegisteredInSubNet"));
    }

    @Test
    @Order(7)
    void commitRevealOnTheSubnetSendsATimelockedCommitOrSaysWhyNot() {
        sudo("sudo_set_commit_reveal_weights_enabled", NETUID, true);
        try {
            org.cgp.chain.tle.TimelockedCommit.CallKind kind = org.cgp.chain.tle.TimelockedCommit.CallKind.newest(
                    name -> chain.calls().encoder().hasCall("SubtensorModule", name));
            if (kind == null) {
                assertThatThrownBy(() -> chain.setWeights(BOB, NETUID, new int[] {1}, new int[] {1}, 0))
                        .isInstanceOf(ChainException.class).hasMessageContaining("the runtime has none of commit_timelocked_mechanism_weights");
            } else {
                SubtensorChain.TimelockedCommitSent sent = chain.commitTimelockedWeights(BOB, NETUID, new int[] {1}, new int[] {65535}, 0,
                        System.currentTimeMillis() / 1000.0);
                assertThat(sent.call()).isEqualTo(kind.call);
                assertThat(sent.revealRound()).isPositive();
                assertThat(sent.commitBytes()).isBetween(org.cgp.chain.tle.Timelock.OVERHEAD + 1, org.cgp.chain.tle.TimelockedCommit.MAX_COMMIT_BYTES);
            }
        } finally {
            sudo("sudo_set_commit_reveal_weights_enabled", NETUID, false);
        }
    }

    @Test
    @Order(8)
    void hashCommitRevealRoundTripsOnChain() {
        sudo("sudo_set_commit_reveal_weights_enabled", NETUID, true);
        try {
            Metagraph mg = chain.metagraph(NETUID);
            int bob = mg.byHotkey(BOB.ss58Address()).orElseThrow().uid();
            int charlie = mg.byHotkey(CHARLIE.ss58Address()).orElseThrow().uid();
            int dave = mg.byHotkey(DAVE.ss58Address()).orElseThrow().uid();
            int[] uids = {charlie, dave}, weights = {30000, 60000}, salt = {1, 2, 3, 4, 5, 6, 7, 8};
            chain.commitWeights(BOB, NETUID, uids, weights, salt, 0);
            long commitBlock = chain.currentBlock();
            // reveal in the next epoch (RevealPeriodEpochs = 1): epoch = (block + netuid + 1) / (tempo + 1)
            long tempo = chain.hyperparameters(NETUID).tempo();
            long nextEpochStart = ((commitBlock + NETUID + 1) / (tempo + 1) + 1) * (tempo + 1) - NETUID - 1;
            long toMake = nextEpochStart - commitBlock - 1; // the reveal itself is in the block after the current one
            if (toMake > 0) newBlocks((int) toMake);
            chain.revealWeights(BOB, NETUID, uids, weights, salt, 0);
            assertThat(chain.client().storage("SubtensorModule", "Weights", NETUID, bob))
                    .isEqualTo(List.of(List.of(charlie, 32767), List.of(dave, 65535))); // the chain rounds 32767.5 down
        } finally {
            sudo("sudo_set_commit_reveal_weights_enabled", NETUID, false);
        }
    }
}
