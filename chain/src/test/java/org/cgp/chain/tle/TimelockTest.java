package org.cgp.chain.tle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.PT;

/** Timelock encryption against the vectors and the two independent decryptors of {@code shared/peers/tle/}. */
@org.junit.jupiter.api.Tag("peer")
class TimelockTest {
    static final HexFormat HEX = HexFormat.of();
    private final Timelock tle = Timelock.quicknet();

    static Optional<Path> tleDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared/peers/tle");
            if (Files.isRegularFile(p.resolve("vectors.json"))) return Optional.of(p);
        }
        return Optional.empty();
    }

    static JsonNode vectors() throws Exception {
        Optional<Path> dir = tleDir();
        assumeTrue(dir.isPresent(), "SKIP: ../shared/peers/tle not found beside the repository");
        return new ObjectMapper().readTree(dir.get().resolve("vectors.json").toFile());
    }

    static byte[] roundSignature(JsonNode v, long round) {
        for (JsonNode p : v.path("pulses")) if (p.path("round").asLong() == round) return HEX.parseHex(p.path("signature_g1_compressed").asText());
        throw new IllegalArgumentException("no pulse for round " + round);
    }

    /** Hands out the given byte strings in order, as an encryption asks for esk, sigma, nonce. */
    static Timelock.Randomness fixed(byte[]... values) {
        Deque<byte[]> q = new ArrayDeque<>(List.of(values));
        return n -> {
            byte[] b = q.removeFirst();
            assertThat(b).hasSize(n);
            return b;
        };
    }

    @Test
    void theGtSerialisationAndTheIdentityHashAreArkworks() throws Exception {
        JsonNode v = vectors();
        byte[] gt = Timelock.gtBytes(new PT(P1.generator().to_affine(), P2.generator().to_affine()).final_exp());
        assertThat(HEX.formatHex(gt)).isEqualTo(v.path("primitives").path("gt_e_g1gen_g2gen").path("ark_serialize_compressed_576").asText());
        JsonNode pulse = v.path("pulses").get(0);
        assertThat(HEX.formatHex(tle.identity(pulse.path("round").asLong()).compress()))
                .isEqualTo(pulse.path("hash_to_g1_of_message_compressed").asText());
    }

    @Test
    void deterministicVectorsAreReproducedByteForByte() throws Exception {
        JsonNode v = vectors();
        int n = 0;
        for (JsonNode d : v.path("noble_deterministic")) {
            JsonNode in = d.path("inputs");
            byte[] sigma = Timelock.sha256(HEX.parseHex(in.path("t_le32").asText()));
            byte[] ct = tle.encrypt(HEX.parseHex(d.path("plaintext").asText()), d.path("round").asLong(),
                    fixed(HEX.parseHex(in.path("esk_aes_key").asText()), sigma, HEX.parseHex(in.path("nonce").asText())));
            assertThat(HEX.formatHex(ct)).as(d.path("name").asText()).isEqualTo(d.path("ciphertext").asText());
            assertThat(ct).hasSize(Timelock.OVERHEAD + d.path("plaintext").asText().length() / 2);
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyVectorDecryptsOrIsRefusedAsTheRustCodeDoes() throws Exception {
        vectors();
        List<String> rows = Files.readAllLines(tleDir().orElseThrow().resolve("vectors-flat.tsv"), StandardCharsets.UTF_8);
        int ok = 0;
        int refused = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t");
            if (f.length < 7) continue;
            byte[] ct = HEX.parseHex(f[5]);
            byte[] sig = HEX.parseHex(f[3]);
            if (f[6].equals("ok")) {
                assertThat(HEX.formatHex(tle.decrypt(ct, sig))).as(f[1]).isEqualTo(f[4]);
                ok++;
            } else {
                assertThatThrownBy(() -> tle.decrypt(ct, sig)).as(f[1]).isInstanceOf(TimelockException.class);
                refused++;
            }
        }
        assertThat(ok).isGreaterThanOrEqualTo(7);
        assertThat(refused).isGreaterThanOrEqualTo(10);
    }

    @Test
    void ourCiphertextsDecryptWithTheRoundSignatureAndNotWithAnother() throws Exception {
        JsonNode v = vectors();
        byte[] payload = "weights for round 1000".getBytes(StandardCharsets.UTF_8);
        byte[] ct = tle.encrypt(payload, 1000);
        assertThat(tle.decrypt(ct, roundSignature(v, 1000))).isEqualTo(payload);
        byte[] other = tle.encrypt(payload, 1001);
        assertThatThrownBy(() -> tle.decrypt(other, roundSignature(v, 1000))).hasMessageStartingWith("InvalidSignature");
        byte[] shortV = ct.clone();
        shortV[96] = 31;
        assertThatThrownBy(() -> tle.decrypt(shortV, roundSignature(v, 1000))).hasMessage("V has 31 bytes, not 32");
        assertThatThrownBy(() -> tle.decrypt(new byte[40], roundSignature(v, 1000))).hasMessage("the ciphertext ends inside U");
    }

    @Test
    void ourCiphertextsDecryptInBothIndependentDecryptors() throws Exception {
        JsonNode v = vectors();
        Path work = Files.createTempDirectory("cgp-tle-oracles");
        try {
            Process cp = new ProcessBuilder("cp", "-r", tleDir().orElseThrow() + "/.", work.toString()).redirectErrorStream(true).start();
            assertThat(cp.waitFor()).isZero();
            new ProcessBuilder("chmod", "-R", "u+w", work.toString()).start().waitFor();
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error").directory(work.toFile())
                        .redirectErrorStream(true).start();
            } catch (java.io.IOException e) {
                assumeTrue(false, "SKIP: npm is not installed, so the tle oracles cannot run");
                return;
            }
            String npmOut = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(npm.waitFor() == 0, () -> "SKIP: npm ci of the tle oracles failed: " + npmOut);
            List<byte[]> plaintexts = List.of(new byte[0], "hello".getBytes(StandardCharsets.UTF_8),
                    new org.cgp.chain.tle.WeightsPayloadSample().bytes());
            for (byte[] pt : plaintexts) {
                String ct = HEX.formatHex(tle.encrypt(pt, 1000));
                Process node = new ProcessBuilder("node", "check-ciphertext.mjs", ct, HEX.formatHex(roundSignature(v, 1000)))
                        .directory(work.toFile()).redirectErrorStream(true).start();
                String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(node.waitFor()).as(out).isZero();
                assertThat(out).contains("rust  tld: " + HEX.formatHex(pt)).contains("noble tld: " + HEX.formatHex(pt)).doesNotContain("FAILED");
            }
        } finally {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
        }
    }
}
