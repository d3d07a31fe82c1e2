package org.cgp.protocol.internal.sr25519;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A Merlin transcript (STROBE-128 based Fiat-Shamir transcript) as schnorrkel uses it:
 * labelled messages in, labelled challenge bytes out, plus the witness RNG that mixes secret
 * witness bytes and fresh randomness into a forked transcript. Mutable, not thread-safe.
 */
public final class MerlinTranscript {
    /** STROBE right after its "Merlin v1.0" initialisation; every transcript starts from a copy. */
    private static final Strobe128 MERLIN_BASE = new Strobe128("Merlin v1.0".getBytes(StandardCharsets.US_ASCII));

    private final Strobe128 strobe;

    public MerlinTranscript(String label) {
        this(label.getBytes(StandardCharsets.UTF_8));
    }

    public MerlinTranscript(byte[] label) {
        strobe = MERLIN_BASE.copy();
        appendMessage(bytes("dom-sep"), label);
    }

    private MerlinTranscript(Strobe128 strobe) {
        this.strobe = strobe;
    }

    /** An independent copy with the same state. */
    public MerlinTranscript copy() {
        return new MerlinTranscript(strobe.copy());
    }

    public MerlinTranscript appendMessage(String label, byte[] message) {
        return appendMessage(bytes(label), message);
    }

    public MerlinTranscript appendMessage(byte[] label, byte[] message) {
        strobe.metaAd(label, false);
        strobe.metaAd(le32(message.length), true);
        strobe.ad(message, false);
        return this;
    }

    public byte[] challengeBytes(String label, int length) {
        byte[] out = new byte[length];
        strobe.metaAd(bytes(label), false);
        strobe.metaAd(le32(length), true);
        strobe.prf(out, false);
        return out;
    }

    /**
     * Witness bytes: forks the transcript, rekeys the fork with each witness under {@code label},
     * then with 32 bytes from {@code random}, and squeezes {@code length} bytes from it. This
     * transcript is left unchanged.
     */
    public byte[] witnessBytes(String label, int length, SecureRandom random, byte[]... witnesses) {
        Strobe128 fork = strobe.copy();
        byte[] labelBytes = bytes(label);
        for (byte[] witness : witnesses) {
            fork.metaAd(labelBytes, false);
            fork.metaAd(le32(witness.length), true);
            fork.key(witness, false);
        }
        byte[] entropy = new byte[32];
        random.nextBytes(entropy);
        fork.metaAd(bytes("rng"), false);
        fork.key(entropy, false);
        byte[] out = new byte[length];
        fork.metaAd(le32(length), false);
        fork.prf(out, false);
        fork.wipe();
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] le32(int n) {
        return new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)};
    }
}
