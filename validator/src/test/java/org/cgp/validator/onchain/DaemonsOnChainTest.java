package org.cgp.validator.onchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.chain.SubtensorChain;
import org.cgp.chain.extrinsic.ExtrinsicResult;
import org.cgp.chain.it.Chopsticks;
import org.cgp.chain.it.ChopsticksExtension;
import org.cgp.chain.rpc.RpcConfig;
import org.cgp.chain.internal.subtensor.SubtensorCalls;
import org.cgp.chain.internal.subtensor.SubtensorClient;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.miner.Miner;
import org.cgp.miner.MinerConfig;
import java.util.HexFormat;
import org.cgp.protocol.commitment.CommitmentKeys;
import org.cgp.protocol.commitment.EndpointCommitment;
import org.cgp.protocol.keys.Keypair;
import org.cgp.validator.MinerResult;
import org.cgp.validator.OfflineModels;
import org.cgp.validator.StepReport;
import org.cgp.validator.StepSettings;
import org.cgp.validator.Validator;
import org.cgp.validator.ValidatorConfig;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemons on the real subtensor runtimes (specs 218 and 293 under chopsticks): two miners announce their
 * axons, one through a sealed endpoint commitment (set_commitment, read back by us and by polkadot.js, the
 * metagraph then showing a placeholder), the other with serve_axon alone; a validator reads the metagraph, queries them over signed HTTP, scores
 * them and sets weights, and the chain's Weights storage holds them. Skips, saying how to run it,
 * without ../shared or the Node tools.
 */
@ExtendWith(ChopsticksExtension.class)
@org.junit.jupiter.api.Tag("peer")
class DaemonsOnChainTest {
    private static final long TAO = 1_000_000_000L;
    private static final Keypair OWNER = Keypair.fromUri("//Alice");
    private static final Keypair VALIDATOR = Keypair.fromUri("//Ferdie");
    private static final List<Keypair> MINERS = List.of(Keypair.fromUri("//Eve"), Keypair.fromUri("//Dave//cgp-miner"));

    @TempDir Path dir;

    @Test
    void onRuntime218MinersAnnounceAndTheValidatorScoresThemAndSetsWeights(Chopsticks node) throws Exception {
        daemonsOn(node.wsUrl(), dir.resolve("218"));
    }

    @Test
    void onRuntime293MinersAnnounceAndTheValidatorScoresThemAndSetsWeights() throws Exception {
        Chopsticks.Layout layout = Chopsticks.Layout.detect();
        java.util.Optional<String> missing = Chopsticks.missing293(layout);
        org.junit.jupiter.api.Assumptions.assumeTrue(missing.isEmpty(), () -> "SKIP runtime 293: " + missing.orElse(""));
        try (Chopsticks node = Chopsticks.start293(layout, dir.resolve("chopsticks293.log"))) {
            daemonsOn(node.wsUrl(), dir.resolve("293"));
        }
    }

    private void daemonsOn(String wsUrl, Path dir) throws Exception {
        SubtensorClient client = SubtensorClient.connect(wsUrl, RpcConfig.defaults());
        try (SubtensorChain chain = new SubtensorChain(client, Duration.ofSeconds(60))) {
            int netuid = seedSubnet(chain, client);
            LlmClient llm = OfflineModels.llm();
            Embedder embedder = OfflineModels.embedder();
            MinerConfig onChain = MinerConfig.local(netuid).toBuilder().axonHost("127.0.0.2").forceValidatorPermit(false)
                    .metagraphRefresh(Duration.ofSeconds(2)).build();
            // the first miner hides behind a sealed endpoint commitment (the metagraph gets a loopback port nothing listens on)
            byte[] subnetKey = CommitmentKeys.newPrivateKey();
            int closed = closedPort();
            MinerConfig committing = onChain.toBuilder().commitmentKey(CommitmentKeys.publicKeyOf(subnetKey)).placeholderAxon("127.0.0.2", closed).build();
            try (Miner m1 = Miner.start(committing, MINERS.get(0), chain, llm, embedder);
                 Miner m2 = Miner.start(onChain, MINERS.get(1), chain, llm, embedder)) {
                Metagraph mg = chain.metagraph(netuid);
                Neuron hidden = mg.byHotkey(m1.hotkey()).orElseThrow();
                assertThat(hidden.axon().ip()).isEqualTo("127.0.0.2");
                assertThat(hidden.axon().port()).as("the placeholder, once the commitment was confirmed").isEqualTo(closed);
                Neuron plain = mg.byHotkey(m2.hotkey()).orElseThrow();
                assertThat(plain.axon().ip()).isEqualTo("127.0.0.2");
                assertThat(plain.axon().port()).isEqualTo(m2.port());
                byte[] published = chain.commitment(netuid, m1.hotkey()).orElseThrow().raw();
                assertThat(EndpointCommitment.open(subnetKey, published, m1.hotkey()).address()).isEqualTo("127.0.0.2:" + m1.port());
                assertThat(chain.commitments(netuid)).as("the subnet's commitments in one pass").containsOnlyKeys(m1.hotkey());
                PolkadotRead.commitmentOf(wsUrl, netuid, m1.hotkey()).ifPresent(hex ->
                        assertThat(hex).as("polkadot.js reads the same bytes from CommitmentOf").isEqualTo(HexFormat.of().formatHex(published)));
                ValidatorConfig config = ValidatorConfig.builder(StepSettings.defaults(netuid).withMaxWindows(2).withMode("test"), dir.resolve("state"))
                        .epochLength(1).weightsPower(1).versionKey(0).idleAfterFailure(Duration.ofMillis(10))
                        .curve(org.cgp.validator.WeightsCurve.PROPORTIONAL).build();
                try (Validator v = new Validator(config, VALIDATOR, chain, llm, embedder,
                        new LocalConversations(ConversationFiles.samples(), "samples"), ResultStore.sqlite(dir.resolve("s.sqlite")), subnetKey)) {
                    assertThat(v.endpoints().committedCount()).as("the validator opened the miner's commitment").isEqualTo(1);
                    StepReport report = v.runStep();
                    assertThat(report.succeeded()).as("step: %s", report.skipped()).isTrue();
                    List<MinerResult> answers = report.windows().get(0).results();
                    int uid1 = mg.byHotkey(m1.hotkey()).orElseThrow().uid();
                    int uid2 = mg.byHotkey(m2.hotkey()).orElseThrow().uid();
                    assertThat(answers).extracting(MinerResult::uid).contains(uid1, uid2).doesNotContain(v.uid());
                    assertThat(answers).filteredOn(r -> r.uid() == uid1 || r.uid() == uid2)
                            .allSatisfy(r -> assertThat(r.status()).isEqualTo(200))
                            .allSatisfy(r -> assertThat(r.score().finalScore()).isPositive());
                    assertThat(v.weights().last()).as("weights were accepted by the chain").isNotNull();
                    Object raw = client.storage("SubtensorModule", "Weights", netuid, v.uid());
                    Map<Integer, Integer> stored = new java.util.HashMap<>();
                    for (Object pair : (List<?>) raw) {
                        List<?> p = pair instanceof List<?> l ? l : java.util.Arrays.asList((Object[]) pair);
                        stored.put(((Number) p.get(0)).intValue(), ((Number) p.get(1)).intValue());
                    }
                    assertThat(stored).as("Weights(%d, %d) on chain", netuid, v.uid()).containsKeys(uid1, uid2);
                    assertThat(stored.values()).contains(65535);
                }
            }
        }
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.2"))) {
            return s.getLocalPort();
        }
    }

    /** A fresh subnet owned by Alice with the validator and miners registered and funded; returns its netuid. */
    private static int seedSubnet(SubtensorChain chain, SubtensorClient client) {
        SubtensorCalls calls = new SubtensorCalls(client.metadata());
        sudo(chain, calls, "sudo_set_network_rate_limit", 0L);
        ExtrinsicResult reg = chain.submit(calls.registerNetwork(OWNER.publicKey(), 1), OWNER);
        assertThat(reg.events()).contains("SubtensorModule.NetworkAdded");
        int netuid = netuidOwnedBy(chain);
        sudo(chain, calls, "sudo_set_tempo", netuid, 10);
        sudo(chain, calls, "sudo_set_weights_set_rate_limit", netuid, 0L);
        sudo(chain, calls, calls.encoder().hasCall("AdminUtils", "sudo_set_weights_min_stake") ? "sudo_set_weights_min_stake" : "sudo_set_stake_threshold", 0L);
        sudo(chain, calls, "sudo_set_tx_rate_limit", 0L);
        if (chain.hyperparameters(netuid).commitRevealEnabled()) sudo(chain, calls, "sudo_set_commit_reveal_weights_enabled", netuid, false);
        for (Keypair hk : List.of(VALIDATOR, MINERS.get(0), MINERS.get(1))) {
            chain.submit(calls.burnedRegister(netuid, hk.publicKey()), OWNER);
            chain.submit(calls.transfer(hk.publicKey(), 10 * TAO), OWNER);
        }
        if (calls.encoder().hasCall(SubtensorCalls.SUBTENSOR, "start_call")) { // runtime 293: the owner starts the subnet first
            client.rpc().call("dev_newBlock", Map.of("count", 12));
            chain.submit(calls.encoder().encode(SubtensorCalls.SUBTENSOR, "start_call", netuid), OWNER);
        }
        chain.submit(calls.addStake(VALIDATOR.publicKey(), netuid, 1000 * TAO), OWNER);
        client.rpc().call("dev_newBlock", Map.of("count", 25));
        return netuid;
    }

    /** The newest subnet: the highest netuid whose metagraph holds the owner's hotkey. */
    private static int netuidOwnedBy(SubtensorChain chain) {
        for (int n = 32; n > 0; n--) {
            try {
                if (chain.metagraph(n).byHotkey(OWNER.ss58Address()).isPresent()) return n;
            } catch (RuntimeException notThere) {
                // no such subnet
            }
        }
        throw new IllegalStateException("register_network made no subnet owned by " + OWNER.ss58Address());
    }

    private static void sudo(SubtensorChain chain, SubtensorCalls calls, String adminCall, Object... args) {
        assertThat(chain.submit(calls.sudo(calls.adminUtils(adminCall, args)), OWNER).events()).as(adminCall).contains("Sudo.Sudid");
    }
}
