package org.cgp.chain.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cgp.chain.ChainException;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.chain.SubmissionJournal;
import org.cgp.chain.SubmissionPendingException;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.chain.SubtensorChain;
import org.cgp.chain.extrinsic.DispatchException;
import org.cgp.chain.extrinsic.ExtrinsicResult;
import org.cgp.chain.extrinsic.PoolRejectedException;
import org.cgp.chain.internal.hash.Hashing;
import org.cgp.chain.rpc.RpcConfig;
import org.cgp.chain.internal.subtensor.SubtensorCalls;
import org.cgp.chain.internal.subtensor.SubtensorClient;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tests of a seeded subnet, run on each runtime by a subclass that starts it and calls
 * {@link #seedOn}: the README's seeding recipe, done with this module's own signed
 * extrinsics: sudo via //Alice, register_network, hyperparameters, burned_register of three
 * hotkeys, serve_axon at 127.0.0.2, add_stake, an epoch of blocks; then the metagraph, weights and
 * the dispatch errors the daemons must survive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SeededSubnetContract {
    private static final long TAO = 1_000_000_000L;
    private static final int NETUID = 2;
    private static final Keypair ALICE = Keypair.fromUri("//Alice");
    private static final Keypair BOB = Keypair.fromUri("//Bob");
    private static final Keypair CHARLIE = Keypair.fromUri("//Charlie");
    private static final Keypair DAVE = Keypair.fromUri("//Dave");
    private static final List<Keypair> HOTKEYS = List.of(BOB, CHARLIE, DAVE);

    static SubtensorChain chain;
    /** The chain's own client, for the reads and dev RPCs no public method offers. */
    static SubtensorClient client;
    static SubtensorCalls calls;
    /** Whether the runtime is a newer one than 218 (293): pool-level refusals, start_call, no mechid. */
    static boolean newer;

    /** The README's seeding recipe, with what runtime 293 changed: no mechid, the stake threshold call, start_call. */
    static void seedOn(String wsUrl) {
        client = SubtensorClient.connect(wsUrl, RpcConfig.defaults());
        chain = new SubtensorChain(client, Duration.ofSeconds(60));
        calls = new SubtensorCalls(client.metadata());
        newer = calls.encoder().hasCall(SubtensorCalls.SUBTENSOR, "start_call");
        sudo("sudo_set_network_rate_limit", 0L);
        ExtrinsicResult reg = chain.submit(calls.registerNetwork(ALICE.publicKey(), 1), ALICE);
        assertThat(reg.events()).contains("SubtensorModule.NetworkAdded");
        assertThat(((Number) client.storage("SubtensorModule", "TotalNetworks")).intValue() - 1).isEqualTo(NETUID);
        sudo("sudo_set_tempo", NETUID, 10);
        sudo("sudo_set_weights_set_rate_limit", NETUID, 0L);
        sudo(calls.encoder().hasCall("AdminUtils", "sudo_set_weights_min_stake") ? "sudo_set_weights_min_stake" : "sudo_set_stake_threshold", 0L);
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
        if (newer) { // a new subnet needs start_call by its owner, DurationOfStartCall blocks after registration
            newBlocks(12);
            chain.submit(calls.encoder().encode(SubtensorCalls.SUBTENSOR, "start_call", NETUID), ALICE);
        }
        assertThat(chain.submit(calls.addStake(BOB.publicKey(), NETUID, 1000 * TAO), ALICE).events()).contains("SubtensorModule.StakeAdded");
        newBlocks(25);
    }

    static void sudo(String adminCall, Object... args) {
        ExtrinsicResult r = chain.submit(calls.sudo(calls.adminUtils(adminCall, args)), ALICE);
        assertThat(r.events()).as(adminCall).contains("Sudo.Sudid");
    }

    static void newBlocks(int n) {
        client.rpc().call("dev_newBlock", Map.of("count", n));
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
        if (!newer) assertThat(owner.stake()).isGreaterThan(1.0);
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
        Object stored = client.storage("SubtensorModule", "Weights", NETUID, bob);
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
        if (newer) { // refused in the pool before inclusion, by subtensor's custom transaction error
            assertThatThrownBy(() -> chain.serveAxon(eve, NETUID, new AxonInfo("127.0.0.2", 9000, eve.ss58Address())))
                    .hasMessageContaining("rejected before inclusion: HotKeyNotRegisteredInNetwork (custom 10)")
                    .isInstanceOfSatisfying(PoolRejectedException.class, e -> {
                        assertThat(e.code()).isEqualTo(10);
                        assertThat(e.isRateLimit()).isFalse();
                    });
            assertThatThrownBy(() -> chain.setWeights(eve, NETUID, new int[] {1}, new int[] {1}, 0)).hasMessageContaining("HotKeyNotRegistered");
            return;
        }
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
                    name -> calls.encoder().hasCall("SubtensorModule", name));
            if (kind == null) {
                assertThatThrownBy(() -> chain.setWeights(BOB, NETUID, new int[] {1}, new int[] {1}, 0))
                        .isInstanceOf(ChainException.class).hasMessageContaining("the runtime has none of commit_timelocked_mechanism_weights");
            } else {
                SubtensorChain.TimelockedCommitSent sent = chain.commitTimelockedWeights(BOB, NETUID, new int[] {1}, new int[] {65535}, 0,
                        System.currentTimeMillis() / 1000.0);
                assertThat(sent.call()).isEqualTo(kind.call);
                assertThat(sent.revealRound()).isPositive();
                assertThat(sent.commitBytes()).isBetween(org.cgp.chain.tle.Timelock.OVERHEAD + 1, org.cgp.chain.tle.TimelockedCommit.MAX_COMMIT_BYTES);
                revealsAnInjectedRound();
            }
        } finally {
            sudo("sudo_set_commit_reveal_weights_enabled", NETUID, false);
        }
    }

    /**
     * The drand pallet's BLS host calls are stubbed under chopsticks, so no pulse arrives by itself:
     * inject round 1000's pulse ({@code Drand.Pulses[1000]} = SCALE {round, randomness, signature})
     * with dev_setStorage, commit to round 1000, and watch the chain reveal it into Weights.
     */
    private static void revealsAnInjectedRound() {
        int bob = chain.metagraph(NETUID).byHotkey(BOB.ss58Address()).orElseThrow().uid();
        byte[][] pulse = pulse1000();
        byte[] key = concat(Hashing.twox128("Drand"), Hashing.twox128("Pulses"), Hashing.blake2b128(u64(1000)), u64(1000));
        byte[] value = concat(u64(1000), new byte[] {(byte) 0x80}, pulse[0], new byte[] {(byte) 0xc0}, pulse[1]);
        client.rpc().call("dev_setStorage", List.of(List.of("0x" + HEX.formatHex(key), "0x" + HEX.formatHex(value))));
        newBlocks(12); // a new epoch, so the commit is not rate-limited
        SubtensorChain.TimelockedCommitSent sent = chain.commitTimelockedWeights(BOB, NETUID, new int[] {bob}, new int[] {65535}, 0,
                System.currentTimeMillis() / 1000.0, 1000);
        assertThat(sent.revealRound()).isEqualTo(1000);
        int[][] expected = {{bob, 65535}}; // Bob's earlier plain weights were for Charlie and Dave
        int[][] weights = chain.weightsOf(NETUID, bob).orElseThrow();
        assertThat(java.util.Arrays.deepEquals(weights, expected)).as("before the reveal").isFalse();
        for (int i = 0; i < 8 && !java.util.Arrays.deepEquals(weights, expected); i++) {
            newBlocks(5);
            weights = chain.weightsOf(NETUID, bob).orElseThrow();
        }
        assertThat(weights).as("the chain revealed the Java commit itself").isDeepEqualTo(expected);
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    /** Round 1000's randomness and signature, from shared/peers/tle/vectors.json. */
    private static byte[][] pulse1000() {
        Path shared = Chopsticks.Layout.detect().spec().getParent().getParent();
        try {
            com.fasterxml.jackson.databind.JsonNode p = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(shared.resolve("peers/tle/vectors.json").toFile()).path("pulses").get(0);
            assertThat(p.path("round").asLong()).isEqualTo(1000);
            return new byte[][] {HEX.parseHex(p.path("randomness").asText()), HEX.parseHex(p.path("signature_g1_compressed").asText())};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] u64(long v) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
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
            assertThat(client.storage("SubtensorModule", "Weights", NETUID, bob))
                    .isEqualTo(List.of(List.of(charlie, 32767), List.of(dave, 65535))); // the chain rounds 32767.5 down
        } finally {
            sudo("sudo_set_commit_reveal_weights_enabled", NETUID, false);
        }
    }

    @Test
    @Order(9)
    void aWeightsExtrinsicACrashLeftInThePoolIsNeverSentTwice(@TempDir Path dir) {
        SubmissionJournal journal = new SubmissionJournal(dir.resolve("weights-submission.json"));
        Metagraph mg = chain.metagraph(NETUID);
        int bob = mg.byHotkey(BOB.ss58Address()).orElseThrow().uid();
        int charlie = mg.byHotkey(CHARLIE.ss58Address()).orElseThrow().uid();
        int dave = mg.byHotkey(DAVE.ss58Address()).orElseThrow().uid();
        String url = client.url();
        client.rpc().call("dev_setBlockBuildMode", "Manual"); // broadcast, but no block until the test makes one
        try {
            // the validator broadcasts its weights and dies before they are in a block
            try (SubtensorChain before = new SubtensorChain(SubtensorClient.connect(url, RpcConfig.defaults()), Duration.ofSeconds(2))
                    .withJournal(journal)) {
                assertThatThrownBy(() -> before.setWeights(BOB, NETUID, new int[] {charlie, dave}, new int[] {1, 3}, 0))
                        .isInstanceOf(ChainException.class).hasMessageContaining("not in a block");
            }
            assertThat(journal.pending()).as("the uncertain submission stays journaled").isPresent();
            try (SubtensorChain after = new SubtensorChain(SubtensorClient.connect(url, RpcConfig.defaults()), Duration.ofSeconds(60))
                    .withJournal(journal)) {
                // restarted, it wants to set weights again while the first can still land: it signs nothing
                assertThatThrownBy(() -> after.setWeights(BOB, NETUID, new int[] {charlie, dave}, new int[] {1, 5}, 0))
                        .isInstanceOf(SubmissionPendingException.class).hasMessageContaining("can still land");
                assertThat(client.rpc().call("author_pendingExtrinsics").size()).as("one weights extrinsic in the pool, not two").isEqualTo(1);
                newBlocks(1); // the first lands
                assertThat(client.storage("SubtensorModule", "Weights", NETUID, bob))
                        .isEqualTo(List.of(List.of(charlie, 21845), List.of(dave, 65535)));
                assertThat(after.reconcile(BOB)).isEqualTo(SubtensorChain.Reconciled.LANDED);
                assertThat(journal.pending()).isEmpty();
                client.rpc().call("dev_setBlockBuildMode", "Instant");
                after.setWeights(BOB, NETUID, new int[] {charlie, dave}, new int[] {1, 5}, 0); // now a new setting goes out
                assertThat(journal.pending()).as("cleared once in a block").isEmpty();
                assertThat(client.storage("SubtensorModule", "Weights", NETUID, bob))
                        .isEqualTo(List.of(List.of(charlie, 13107), List.of(dave, 65535)));
            }
        } finally {
            client.rpc().call("dev_setBlockBuildMode", "Instant");
        }
    }
}
