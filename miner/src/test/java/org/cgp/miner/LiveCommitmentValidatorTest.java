package org.cgp.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.cgp.chain.Neuron;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.StoredCommitment;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.testing.PeerProcesses;
import org.cgp.protocol.testing.Peers237;
import org.junit.jupiter.api.Test;

/**
 * Our miner under the live CGP 2.37 validator ({@code shared/peers/cgp-2.37/validator-peer}), which
 * finds a miner only through its commitment: the miner seals its endpoint to the kit's key and
 * publishes it on the chain (here an offline one), and the very bytes it published are handed to
 * the peer. Every input of all six task types must pass (status 200, enough tags or tests kept,
 * a score above 0), reached at the committed endpoint.
 */
@org.junit.jupiter.api.Tag("peer")
class LiveCommitmentValidatorTest {
    @Test
    void theLiveValidatorFindsOurMinerThroughTheCommitmentItSealed() throws Exception {
        LlmConfig offline = LlmConfig.offline();
        PeerProcesses.Result r = runPeer(LlmProviders.chat(offline), LlmProviders.embedder(offline));
        assertThat(r.summary()[0]).as("every input of all six types:\n%s", r.output()).isEqualTo(20);
    }

    @Test
    void everyInputPassesThroughTheOpenAiProviderAgainstAMockServer() throws Exception {
        java.util.Map<String, Integer> promptKinds = new java.util.concurrent.ConcurrentHashMap<>();
        try (okhttp3.mockwebserver.MockWebServer openAi = new okhttp3.mockwebserver.MockWebServer()) {
            openAi.setDispatcher(new FakeOpenAi(promptKinds));
            openAi.start();
            LlmConfig config = LlmConfig.fromEnv(java.util.Map.of("LLM_TYPE", "openai", "OPENAI_API_KEY", "sk-test-0123456789abcdef",
                    "OPENAI_MODEL", "gpt-4o-mini", "OPENAI_BASE_URL", openAi.url("/v1").toString(), "LLM_TIMEOUT_SECONDS", "5"));
            PeerProcesses.Result r = runPeer(LlmProviders.chat(config), null);
            assertThat(r.summary()[0]).as("every input of all six types:\n%s", r.output()).isEqualTo(20);
            assertThat(promptKinds).containsKeys("window", "coding window", "result", "skill", "skill bundle");
            assertThat(promptKinds.get("skill bundle")).as("one call per skill-coverage task").isEqualTo(4);
        }
    }

    private static PeerProcesses.Result runPeer(org.cgp.llm.LlmClient llm, org.cgp.llm.Embedder embedder) throws Exception {
        String why = Peers237.unavailable();
        assumeTrue(why == null, () -> "SKIP live 2.37 validator peer: " + why);
        Keypair hotkey = Keypair.generate();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        OfflineChain chain = new OfflineChain(1, List.of(Neuron.of(0, hotkey.ss58Address(), "c", 10, false,
                new AxonInfo("0.0.0.0", 0, hotkey.ss58Address()))), SubnetHyperparameters.permissive());
        MinerConfig config = MinerConfig.local(1).toBuilder().allowNonRegistered(true).forceValidatorPermit(false)
                .commitmentKey(HexFormat.of().parseHex(Peers237.KIT_PUBLIC_KEY)).placeholderAxon("127.0.0.1", closed).build();
        try (Miner miner = Miner.start(config, hotkey, chain, llm, embedder)) {
            StoredCommitment published = chain.commitment(1, hotkey.ss58Address()).orElseThrow();
            assertThat(chain.metagraph(1).neurons().get(0).axon()).as("the metagraph shows the placeholder")
                    .isEqualTo(new AxonInfo("127.0.0.1", closed, hotkey.ss58Address()));
            PeerProcesses.Result r = Peers237.tool("validator-peer", List.of("--axon-hotkey", hotkey.ss58Address(), "--commitment",
                    HexFormat.of().formatHex(published.raw()), "--all-inputs", "--tasks", "1"),
                    Duration.ofMinutes(5));
            System.out.println(r.output());
            assertThat(r.output()).as(r.output()).containsPattern("(?m)^endpoint " + hotkey.ss58Address() + " committed 127\\.0\\.0\\.1:" + miner.port());
            assertThat(r.summary()).as(r.output()).isNotNull();
            assertThat(r.summary()[1]).as("failed tasks:\n%s", r.output()).isZero();
            assertThat(r.exit()).isZero();
            return r;
        }
    }
}
