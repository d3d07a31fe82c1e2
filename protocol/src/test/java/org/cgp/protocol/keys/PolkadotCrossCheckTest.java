package org.cgp.protocol.keys;

import org.cgp.protocol.testing.PolkadotTools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Java sr25519 against an independent implementation (polkadot.js util-crypto, i.e. @scure/sr25519),
 * run through node: node signs and Java verifies, Java signs and node verifies, and both derive the
 * same keys and SS58 addresses from the same URIs. Needs {@code .tools/polkadot} (installed by
 * {@code .ci/install-tools.sh}) and node; skips with a message otherwise.
 */
@org.junit.jupiter.api.Tag("peer")
class PolkadotCrossCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final String BT_MESSAGE = "1700000000000000000.5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY."
        + "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty.5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a."
        + "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a";
    private static final List<String> URIS = List.of(
        "//Alice", "//Bob", "//Alice//stash", "//0", "/soft", "//Alice/soft",
        Mnemonic.DEV_PHRASE, Mnemonic.DEV_PHRASE + "//hotkey//7",
        "0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a",
        "0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a//stash/x");
    private static final List<String> MESSAGES = List.of("", "hello", BT_MESSAGE, "ünïcødé ✓", "x".repeat(5000));

    private static Path nodeModules;

    @BeforeEach
    void findTools() {
        nodeModules = PolkadotTools.nodeModules().orElse(null);
        assumeTrue(nodeModules != null,
            "polkadot.js not installed (.tools/polkadot/node_modules/@polkadot/util-crypto not found above "
                + Path.of("").toAbsolutePath() + "); run `bash .ci/install-tools.sh` to enable this cross-check");
        assumeTrue(PolkadotTools.nodeWorks(), "node is not on PATH; skipping the polkadot.js cross-check");
    }

    @Test
    void agreesWithPolkadotJs(@TempDir Path dir) throws Exception {
        // Java signatures for node to verify: genuine ones (expected true) and tampered ones (expected false)
        List<Map<String, String>> toVerify = new ArrayList<>();
        List<Boolean> expected = new ArrayList<>();
        List<Keypair> javaKeys = new ArrayList<>(List.of(Keypair.fromUri("//Alice"), Keypair.fromUri(Mnemonic.DEV_PHRASE),
            Keypair.fromUri("//Alice/soft"), Keypair.generate(), Keypair.generate()));
        for (Keypair k : javaKeys) {
            for (String m : MESSAGES) {
                byte[] msg = m.getBytes(StandardCharsets.UTF_8);
                byte[] sig = k.sign(msg);
                toVerify.add(triple(k.publicKey(), msg, sig));
                expected.add(true);
                byte[] tampered = (m + ".").getBytes(StandardCharsets.UTF_8);
                toVerify.add(triple(k.publicKey(), tampered, sig));
                expected.add(false);
            }
        }

        Map<String, Object> input = new LinkedHashMap<>();
        // polkadot.js only expands a leading "//" to the dev phrase; give it "/soft" with the phrase spelled out
        input.put("uris", URIS.stream().map(u -> u.startsWith("/") && !u.startsWith("//") ? Mnemonic.DEV_PHRASE + u : u).toList());
        input.put("messages", MESSAGES.stream().map(m -> hex(m.getBytes(StandardCharsets.UTF_8))).toList());
        input.put("randomKeys", 4);
        input.put("verify", toVerify);
        JsonNode out = runNode(dir, input);

        // (1) same public keys and addresses from the same URIs
        for (int i = 0; i < URIS.size(); i++) {
            JsonNode key = out.get("keys").get(i);
            Keypair k = Keypair.fromUri(URIS.get(i));
            assertThat(hex(k.publicKey())).as("public key, URI #%d", i)
                .isEqualTo(key.get("pub").asText());
            assertThat(k.ss58Address()).isEqualTo(key.get("address").asText());
            assertThat(hex(Ss58.decode(key.get("address").asText()))).isEqualTo(key.get("pub").asText());
        }
        assertThat(out.get("keys")).hasSize(URIS.size());

        // (2) node's signatures verify in Java; the same signature over another message does not
        assertThat(out.get("signatures")).hasSize(URIS.size() * MESSAGES.size());
        for (JsonNode s : out.get("signatures")) {
            byte[] pub = unhex(s.get("pub").asText());
            byte[] msg = unhex(s.get("msg").asText());
            byte[] sig = unhex(s.get("sig").asText());
            assertThat(Keypair.verify(pub, msg, sig)).as("node signature by %s", Ss58.encode(pub)).isTrue();
            byte[] other = java.util.Arrays.copyOf(msg, msg.length + 1);
            assertThat(Keypair.verify(pub, other, sig)).isFalse();
        }

        // (3) node's random mnemonics give the same keys in Java, and their signatures verify
        assertThat(out.get("random")).hasSize(4);
        for (JsonNode r : out.get("random")) {
            Keypair k = Keypair.fromMnemonic(r.get("mnemonic").asText());
            assertThat(k.ss58Address()).as("random mnemonic key").isEqualTo(r.get("address").asText());
            assertThat(Keypair.verify(k.publicKey(), unhex(r.get("msg").asText()), unhex(r.get("sig").asText()))).isTrue();
        }

        // (4) node's verdicts on Java signatures
        List<Boolean> verdicts = new ArrayList<>();
        out.get("verified").forEach(v -> verdicts.add(v.asBoolean()));
        assertThat(verdicts).as("sr25519Verify in node over Java signatures (true = genuine, false = tampered)")
            .isEqualTo(expected);
    }

    private JsonNode runNode(Path dir, Map<String, Object> input) throws Exception {
        Path script = dir.resolve("polkadot-crosscheck.cjs");
        try (InputStream in = PolkadotCrossCheckTest.class.getResourceAsStream("polkadot-crosscheck.cjs")) {
            Files.copy(in, script);
        }
        Path inFile = dir.resolve("in.json");
        Path outFile = dir.resolve("out.json");
        JSON.writeValue(inFile.toFile(), input);
        Process p = new ProcessBuilder("node", script.toString(), nodeModules.toString(), inFile.toString(), outFile.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("node finished within 120 s").isTrue();
        assertThat(p.exitValue()).as("node exit code; log: %s", Files.readString(dir.resolve("node.log"))).isZero();
        return JSON.readTree(outFile.toFile());
    }

    private static Map<String, String> triple(byte[] pub, byte[] msg, byte[] sig) {
        return Map.of("pub", hex(pub), "msg", hex(msg), "sig", hex(sig));
    }

    private static String hex(byte[] b) {
        return "0x" + HEX.formatHex(b);
    }

    private static byte[] unhex(String s) {
        return HEX.parseHex(s.startsWith("0x") ? s.substring(2) : s);
    }


}
