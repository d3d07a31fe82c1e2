package org.cgp.protocol.interop;

import org.cgp.protocol.testing.PolkadotTools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.axon.AxonServer;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.synapse.WindowPacket;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.wire.BodyHash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java axon and dendrite against a peer written separately in Node from BITTENSOR-PROTOCOL §1,
 * signing and verifying with polkadot.js's sr25519 (the real Python SDK cannot run here, §6). It
 * checks what the two implementations must agree on: header names and values, the signed message
 * layouts, the body hash and the nonce rules. Needs node and {@code .tools/polkadot} (from
 * {@code .ci/install-tools.sh}); skips with a message otherwise.
 */
@org.junit.jupiter.api.Tag("peer")
class NodePeerInteropTest {
    private static final Keypair ALICE = Keypair.fromUri("//Alice");
    private static final Keypair BOB = Keypair.fromUri("//Bob");

    private Path nodeModules;

    @BeforeEach
    void findNode() {
        nodeModules = PolkadotTools.nodeModules().orElse(null);
        assumeTrue(nodeModules != null, "polkadot.js not installed (.tools/polkadot/node_modules not found above "
                + Path.of("").toAbsolutePath() + "); run `bash .ci/install-tools.sh` to enable the Node peer tests");
        assumeTrue(PolkadotTools.nodeWorks(), "node is not on PATH; skipping the Node peer tests");
    }

    @Test
    void aPythonStyleDendriteIsServedByTheJavaAxon(@TempDir Path dir) throws Exception {
        // signResponses: the axon signature is opt-in (bittensor 9 sends none); polkadot.js checks ours
        try (AxonServer axon = AxonServer.builder(BOB).host("127.0.0.1").port(0).signResponses(true)
                .attach(CgSynapse.NAME, CgSynapse.class, r -> r.withOutput(new MinerOutput(
                        List.of("hurricane", "lines:" + r.window().lines().size()), null, null)))
                .start()) {
            Process node = start(dir, "dendrite", "http://127.0.0.1:" + axon.port() + "/CgSynapse", BOB.ss58Address());
            List<JsonNode> lines = readLines(node, 2);
            JsonNode first = lines.get(0);
            assertThat(first.path("status").asInt()).as("first call: %s", first).isEqualTo(200);
            assertThat(first.path("axonSignatureValid").asBoolean()).as("polkadot.js verifies the axon's signature").isTrue();
            List<String> names = new ArrayList<>();
            first.path("headerNames").forEach(n -> names.add(n.asText()));
            assertThat(names).contains("bt_header_axon_status_code", "bt_header_axon_status_message",
                    "bt_header_axon_signature", "bt_header_dendrite_nonce", "computed_body_hash");
            assertThat(first.path("headers").path("bt_header_axon_status_message").asText()).isEqualTo("Success");
            assertThat(first.path("headers").path("timeout").asText()).isEqualTo("12.5");
            JsonNode body = first.path("body");
            assertThat(body.path("cgp_output").get(0).path("tags").get(1).asText()).isEqualTo("lines:2");
            assertThat(body.path("cgp_input").get(0).path("guid").asText()).isEqualTo("node-guid");
            assertThat(body.path("axon").path("status_code").asInt()).isEqualTo(200);
            assertThat(body.path("dendrite").path("hotkey").asText()).isEqualTo(ALICE.ss58Address());

            JsonNode replay = lines.get(1);
            assertThat(replay.path("status").asInt()).isEqualTo(401);
            assertThat(replay.path("body").path("message").asText())
                    .isEqualTo("Not Verified with error: Nonce is too old, a newer one was last processed");
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theJavaDendriteIsAcceptedByAPythonStyleAxon(@TempDir Path dir) throws Exception {
        Process node = start(dir, "axon");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String portLine = out.readLine();
            assertThat(portLine).as("node axon started; log %s", dir.resolve("node.err")).startsWith("PORT ");
            int port = Integer.parseInt(portLine.substring(5).trim());
            AxonInfo target = new AxonInfo("127.0.0.1", port, BOB.ss58Address());
            CgSynapse request = CgSynapse.request(new WindowPacket(Guid.of("340282366920938463463374607431768211455"), 2,
                    List.of(new Line(0, "did the navy leave port?"), new Line(1, "yes, before the storm"))), 12.0);

            try (Dendrite dendrite = new Dendrite(ALICE)) {
                DendriteResult<CgSynapse> r = dendrite.forward(List.of(target), CgSynapse.NAME, request,
                        CgSynapse.class, Duration.ofSeconds(10)).get(0);
                JsonNode verdict = WireJson.mapper().readTree(out.readLine()).path("verdict");
                assertThat(verdict.path("problems")).as("node axon's objections").isEmpty();
                assertThat(verdict.path("signatureValid").asBoolean()).isTrue();
                List<String> names = new ArrayList<>();
                verdict.path("headerNames").forEach(n -> names.add(n.asText()));
                assertThat(names).contains("bt_header_dendrite_signature", "bt_header_input_obj_cgp_input",
                        "computed_body_hash", "bt_header_dendrite_version");
                assertThat(names).filteredOn(n -> n.startsWith("bt_")).allSatisfy(n -> assertThat(n).isEqualTo(n.toLowerCase()));
                assertThat(verdict.path("headers").path("computed_body_hash").asText()).isEqualTo(BodyHash.EMPTY);
                assertThat(verdict.path("rawBody").asText()).contains("\"guid\":340282366920938463463374607431768211455");
                assertThat(verdict.path("body").path("dendrite").path("nonce").isIntegralNumber()).isTrue();

                assertThat(r.statusCode()).as(r.statusMessage()).isEqualTo(200);
                assertThat(r.response().output().tags()).containsExactly("node-peer", "hurricane");
                assertThat(r.response().axon().hotkey()).isEqualTo(BOB.ss58Address());
                assertThat(r.response().axon().statusCode()).as("merged from bt_header_axon_status_code").isEqualTo(200);
                assertThat(r.response().cgpInput()).as("the echo of our own request is skipped, not kept").isNull();

                // signed for another axon: the Node axon substitutes its own hotkey and refuses
                AxonInfo wrong = new AxonInfo("127.0.0.1", port, Keypair.fromUri("//Charlie").ss58Address());
                DendriteResult<CgSynapse> refused = dendrite.forward(List.of(wrong), CgSynapse.NAME, request,
                        CgSynapse.class, Duration.ofSeconds(10)).get(0);
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.statusMessage()).contains("signature");
            }
        } finally {
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(Path dir, String... args) throws Exception {
        Path script = dir.resolve("bt-peer.cjs");
        try (InputStream in = NodePeerInteropTest.class.getResourceAsStream("bt-peer.cjs")) {
            Files.copy(in, script);
        }
        List<String> cmd = new ArrayList<>(List.of("node", script.toString(), nodeModules.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(dir.resolve("node.err").toFile()).start();
    }

    private static List<JsonNode> readLines(Process node, int n) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String line = out.readLine();
            assertThat(line).as("line %d from the node dendrite", i).isNotNull();
            lines.add(WireJson.mapper().readTree(line));
        }
        return lines;
    }


}
