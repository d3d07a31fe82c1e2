package org.cgp.protocol.internal.sr25519;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class MerlinTranscriptTest {

    @Test
    void knownVector() {
        MerlinTranscript t = new MerlinTranscript("test protocol");
        t.appendMessage("some label", "some data".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(t.challengeBytes("challenge", 32)))
            .isEqualTo("d5a21972d0d5fe320c0d263fac7fffb8145aa640af6e9bca177c03c7efcf0615");
    }

    @Test
    void copyIsIndependentAndWitnessDoesNotDisturbTranscript() {
        MerlinTranscript a = new MerlinTranscript("p");
        a.appendMessage("x", new byte[] {1, 2, 3});
        MerlinTranscript b = a.copy();
        a.witnessBytes("w", 64, new SecureRandom(), new byte[32]);
        assertThat(a.challengeBytes("c", 32)).isEqualTo(b.challengeBytes("c", 32));
        a.appendMessage("y", new byte[0]);
        assertThat(a.challengeBytes("c", 32)).isNotEqualTo(b.challengeBytes("c", 32));
    }

    @Test
    void witnessBytesDependOnFreshRandomness() {
        MerlinTranscript t = new MerlinTranscript("p");
        byte[] w = new byte[32];
        assertThat(t.witnessBytes("w", 32, new SecureRandom(), w)).isNotEqualTo(t.witnessBytes("w", 32, new SecureRandom(), w));
    }

    @Test
    void longMessagesCrossTheRateBoundary() {
        byte[] big = new byte[1000];
        MerlinTranscript a = new MerlinTranscript("p").appendMessage("m", big);
        big[999] = 1;
        MerlinTranscript b = new MerlinTranscript("p").appendMessage("m", big);
        assertThat(a.challengeBytes("c", 200)).hasSize(200).isNotEqualTo(b.challengeBytes("c", 200));
    }
}
