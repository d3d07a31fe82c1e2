package org.cgp.chain.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.cgp.chain.Metagraph;
import org.cgp.chain.SubtensorChain;
import org.cgp.chain.extrinsic.ExtrinsicResult;
import org.cgp.chain.hash.Hashing;
import org.cgp.chain.rpc.RpcConfig;
import org.cgp.chain.subtensor.SubtensorCalls;
import org.cgp.chain.subtensor.SubtensorClient;
import org.cgp.protocol.keys.Keypair;
import org.junit.jupiter.api.Test;

/**
 * The spec-293 runtime (closer to today's mainnet): seeded the way it wants (no mechid,
 * sudo_set_stake_threshold, start_call), commit-reveal switched on by sudo, and a Java validator's
 * weights go out as commit_crv3_weights, the commit call that runtime has.
 */
class Runtime293CommitTest {
    private static final long TAO = 1_000_000_000L;
    private static final Keypair ALICE = Keypair.fromUri("//Alice");
    private static final Keypair BOB = Keypair.fromUri("//Bob");

    @Test
    void aTimelockedCommitLandsOnRuntime293() throws Exception {
        Chopsticks.Layout layout = Chopsticks.Layout.detect();
        Optional<String> missing = Chopsticks.missing293(layout);
        assumeTrue(missing.isEmpty(), () -> "SKIP runtime 293: " + missing.orElse("") + ". To run it: " + Chopsticks.HOW_TO_RUN);
        Path log = layout.root().resolve("chain/target/chopsticks293-" + ProcessHandle.current().pid() + ".log");
        try (Chopsticks node = Chopsticks.start293(layout, log);
             SubtensorChain chain = new SubtensorChain(SubtensorClient.connect(node.wsUrl(), RpcConfig.defaults()), Duration.ofSeconds(60))) {
            SubtensorCalls calls = chain.calls();
            sudo(chain, calls, "sudo_set_network_rate_limit", 0L);
            // the pool refuses an unregistered hotkey's serve_axon with a custom code, which we name
            Keypair eve = Keypair.fromUri("//Eve");
            chain.submit(calls.transfer(eve.publicKey(), 10 * TAO), ALICE);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> chain.serveAxon(eve, 1, new org.cgp.protocol.axon.AxonInfo("127.0.0.2", 9000, eve.ss58Address())))
                    .hasMessageContaining("rejected before inclusion: HotKeyNotRegisteredInNetwork (custom 10)");
            ExtrinsicResult reg = chain.submit(calls.registerNetwork(ALICE.publicKey(), 0), ALICE);
            assertThat(reg.events()).contains("SubtensorModule.NetworkAdded");
            int netuid = ((Number) chain.client().storage("SubtensorModule", "TotalNetworks")).intValue() - 1;
            sudo(chain, calls, "sudo_set_tempo", netuid, 10);
            sudo(chain, calls, "sudo_set_weights_set_rate_limit", netuid, 0L);
            sudo(chain, calls, "sudo_set_stake_threshold", 0L);
            sudo(chain, calls, "sudo_set_tx_rate_limit", 0L);
            chain.submit(calls.burnedRegister(netuid, BOB.publicKey()), ALICE);
            chain.submit(calls.transfer(BOB.publicKey(), 10 * TAO), ALICE);
            chain.client().rpc().call("dev_newBlock", Map.of("count", 12)); // DurationOfStartCall
            chain.submit(calls.encoder().encode(SubtensorCalls.SUBTENSOR, "start_call", netuid), ALICE);
            chain.submit(calls.addStake(BOB.publicKey(), netuid, 1000 * TAO), ALICE);
            chain.client().rpc().call("dev_newBlock", Map.of("count", 25));
            Metagraph mg = chain.metagraph(netuid);
            assertThat(mg.byHotkey(BOB.ss58Address())).isPresent();
            sudo(chain, calls, "sudo_set_commit_reveal_weights_enabled", netuid, true);
            assertThat(chain.hyperparameters(netuid).commitRevealEnabled()).isTrue();

            int bob = mg.byHotkey(BOB.ss58Address()).orElseThrow().uid();
            SubtensorChain.TimelockedCommitSent sent = chain.commitTimelockedWeights(BOB, netuid, new int[] {bob}, new int[] {65535}, 0,
                    System.currentTimeMillis() / 1000.0);
            assertThat(sent.call()).isEqualTo("commit_crv3_weights");
            assertThat(sent.revealRound()).isGreaterThan(19_000_000L);

            // the drand pallet's BLS host calls are stubbed here, so no pulse arrives by itself: inject round 1000's,
            // commit to round 1000, and let the chain reveal on its own in the reveal epoch
            byte[][] pulse = pulse1000();
            byte[] key = concat(Hashing.twox128("Drand"), Hashing.twox128("Pulses"), Hashing.blake2b128(u64(1000)), u64(1000));
            byte[] value = concat(u64(1000), new byte[] {(byte) 0x80}, pulse[0], new byte[] {(byte) 0xc0}, pulse[1]);
            chain.client().rpc().call("dev_setStorage", java.util.List.of(java.util.List.of("0x" + HEX.formatHex(key), "0x" + HEX.formatHex(value))));
            chain.client().rpc().call("dev_newBlock", Map.of("count", 12)); // a new epoch, so the commit is not rate-limited
            SubtensorChain.TimelockedCommitSent toReveal = chain.commitTimelockedWeights(BOB, netuid, new int[] {bob}, new int[] {65535}, 0,
                    System.currentTimeMillis() / 1000.0, 1000);
            assertThat(toReveal.revealRound()).isEqualTo(1000);
            Object weights = null;
            for (int i = 0; i < 8 && !(weights instanceof java.util.List<?> l && !l.isEmpty()); i++) {
                chain.client().rpc().call("dev_newBlock", Map.of("count", 5));
                weights = chain.client().storage("SubtensorModule", "Weights", netuid, bob);
            }
            assertThat(weights).as("Weights(%d, %d) after the reveal epoch", netuid, bob).isInstanceOf(java.util.List.class);
            assertThat((java.util.List<?>) weights).as("the chain revealed the Java commit itself").isNotEmpty();
            assertThat(weights.toString()).as("Bob's own weight, as committed").isEqualTo("[[" + bob + ", 65535]]");
            assertThat(chain.weightsOf(netuid, bob).orElseThrow()).isDeepEqualTo(new int[][] {{bob, 65535}});
        }
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    /** Round 1000's randomness and signature, from shared/peers/tle/vectors.json. */
    private static byte[][] pulse1000() throws Exception {
        Path root = Chopsticks.Layout.detect().spec().getParent().getParent();
        com.fasterxml.jackson.databind.JsonNode v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(root.resolve("peers/tle/vectors.json").toFile());
        com.fasterxml.jackson.databind.JsonNode p = v.path("pulses").get(0);
        assertThat(p.path("round").asLong()).isEqualTo(1000);
        return new byte[][] {HEX.parseHex(p.path("randomness").asText()), HEX.parseHex(p.path("signature_g1_compressed").asText())};
    }

    private static byte[] u64(long v) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static void sudo(SubtensorChain chain, SubtensorCalls calls, String adminCall, Object... args) {
        ExtrinsicResult r = chain.submit(calls.sudo(calls.adminUtils(adminCall, args)), ALICE);
        assertThat(r.events()).as(adminCall).contains("Sudo.Sudid");
    }
}
