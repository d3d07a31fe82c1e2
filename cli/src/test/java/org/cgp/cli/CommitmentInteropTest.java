package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.testing.PeerProcesses;
import org.cgp.protocol.testing.Peers237;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./cgp commitment seal|open} against the live code's own {@code encrypt_endpoint} /
 * {@code decrypt_endpoint} on PyNaCl (the kit's {@code commitment} tool), both ways, on random
 * endpoints; and both refuse the same tampered, foreign-key and copied commitments.
 */
@org.junit.jupiter.api.Tag("peer")
class CommitmentInteropTest {
    private static final Duration T = Duration.ofSeconds(60);
    private final Random random = new Random(20261206);

    @BeforeAll
    static void kitAvailable() {
        String why = Peers237.cryptoUnavailable();
        assumeTrue(why == null, () -> "SKIP commitment interop: " + why);
    }

    private String randomIp() {
        return (1 + random.nextInt(254)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    @Test
    void whatJavaSealsTheLiveCodeOpens() {
        for (int i = 0; i < 6; i++) {
            String hotkey = Keypair.generate().ss58Address();
            String ip = i == 0 ? "255.255.255.255" : randomIp();
            int port = i == 0 ? 65535 : 1 + random.nextInt(65535);
            CgpCommandLineTest.Run sealed = CgpCommandLineTest.run("commitment", "seal", "--pubkey", Peers237.KIT_PUBLIC_KEY,
                    "--hotkey", hotkey, "--ip", ip, "--port", String.valueOf(port));
            assertThat(sealed.code()).as(sealed.err()).isZero();
            String hex = sealed.out().strip();
            assertThat(hex.length() / 2).isLessThanOrEqualTo(128);
            PeerProcesses.Result opened = Peers237.tool("commitment", List.of("decrypt", "--privkey", "kit", "--hotkey", hotkey, hex), T);
            assertThat(opened.exit()).as(opened.output()).isZero();
            assertThat(opened.output().strip()).isEqualTo(ip + ":" + port);
        }
    }

    @Test
    void whatTheLiveCodeSealsJavaOpens() {
        for (int i = 0; i < 6; i++) {
            String hotkey = Keypair.generate().ss58Address();
            String ip = randomIp();
            int port = 1 + random.nextInt(65535);
            PeerProcesses.Result sealed = Peers237.tool("commitment", List.of("encrypt", "--pubkey", "kit", "--hotkey", hotkey, "--ip", ip,
                    "--port", String.valueOf(port)), T);
            assertThat(sealed.exit()).as(sealed.output()).isZero();
            CgpCommandLineTest.Run opened = CgpCommandLineTest.run("commitment", "open", "--privkey", Peers237.KIT_PRIVATE_KEY,
                    "--hotkey", hotkey, sealed.output().strip());
            assertThat(opened.code()).as(opened.err()).isZero();
            assertThat(opened.out().strip()).isEqualTo(ip + ":" + port);
        }
    }

    @Test
    void bothRefuseTamperingAnotherKeyAndAnotherHotkey() {
        String hotkey = Keypair.generate().ss58Address();
        String other = Keypair.generate().ss58Address();
        String hex = Peers237.tool("commitment", List.of("encrypt", "--pubkey", "kit", "--hotkey", hotkey, "--ip", "203.0.113.7",
                "--port", "8091"), T).output().strip();
        byte[] raw = HexFormat.of().parseHex(hex);
        raw[raw.length - 1] ^= 1;
        String tampered = HexFormat.of().formatHex(raw);
        String foreignKey = CgpCommandLineTest.run("commitment", "keypair").out().lines().filter(l -> l.startsWith("private "))
                .findFirst().orElseThrow().substring(8);

        // tampered: both cannot decrypt
        assertThat(Peers237.tool("commitment", List.of("decrypt", "--privkey", "kit", "--hotkey", hotkey, tampered), T).output())
                .contains("cannot decrypt");
        CgpCommandLineTest.Run j = CgpCommandLineTest.run("commitment", "open", "--privkey", Peers237.KIT_PRIVATE_KEY, "--hotkey", hotkey, tampered);
        assertThat(j.code()).isEqualTo(1);
        assertThat(j.err().strip()).startsWith("cgp: cannot decrypt").doesNotContain("\n");

        // another key: both cannot decrypt
        assertThat(Peers237.tool("commitment", List.of("decrypt", "--privkey", foreignKey, hex), T).exit()).isEqualTo(1);
        j = CgpCommandLineTest.run("commitment", "open", "--privkey", foreignKey, hex);
        assertThat(j.code()).isEqualTo(1);
        assertThat(j.err()).contains("cannot decrypt").doesNotContain(foreignKey);

        // stored under another hotkey (a copied commitment): both name the mismatch
        assertThat(Peers237.tool("commitment", List.of("decrypt", "--privkey", "kit", "--hotkey", other, hex), T).output())
                .contains("hotkey mismatch");
        j = CgpCommandLineTest.run("commitment", "open", "--privkey", Peers237.KIT_PRIVATE_KEY, "--hotkey", other, hex);
        assertThat(j.code()).isEqualTo(1);
        assertThat(j.err()).contains("hotkey mismatch").doesNotContain("203.0.113.7");

        // malformed hex and a malformed key: one line each
        j = CgpCommandLineTest.run("commitment", "open", "--privkey", Peers237.KIT_PRIVATE_KEY, "zz-not-hex");
        assertThat(j.code()).isEqualTo(1);
        assertThat(j.err().strip()).isEqualTo("cgp: malformed: the commitment is not hex");
        j = CgpCommandLineTest.run("commitment", "open", "--privkey", "abcd", hex);
        assertThat(j.code()).isEqualTo(2);
        assertThat(j.err().strip().lines()).hasSize(1);
        assertThat(j.err()).contains("--privkey");
    }
}
