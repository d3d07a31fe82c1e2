package org.cgp.protocol.keys;

import org.cgp.protocol.internal.sr25519.Sr25519;
import org.cgp.protocol.internal.sr25519.Sr25519SecretKey;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * An sr25519 keypair (schnorrkel, signing context "substrate"), as Bittensor hotkeys use.
 * The secret never leaves this object except through the explicitly named export methods:
 * {@link #toString()} shows only the SS58 address, and no error message carries key material.
 * Immutable and thread-safe.
 */
public final class Keypair {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sr25519SecretKey secret;
    private final byte[] miniSecret; // null after a soft junction or when loaded from a privateKey
    private final byte[] publicKey;
    private final String ss58;

    private Keypair(Sr25519SecretKey secret, byte[] miniSecret) {
        this.secret = secret;
        this.miniSecret = miniSecret == null ? null : miniSecret.clone();
        this.publicKey = secret.publicKey();
        this.ss58 = Ss58.encode(publicKey);
    }

    /**
     * From a secret URI: {@code //Alice} (dev phrase), {@code <12-24 word phrase>[//hard][/soft][///password]},
     * or {@code 0x<64 hex>} mini secret with an optional path. Throws {@link IllegalArgumentException}
     * with a reason that never quotes the URI.
     */
    public static Keypair fromUri(String suri) {
        SecretUri uri = SecretUri.parse(suri);
        byte[] mini = uri.rootMiniSecret();
        Sr25519SecretKey key = Sr25519.expandMiniSecret(mini);
        for (DeriveJunction junction : uri.junctions()) {
            if (junction.isHard()) {
                byte[] child = Sr25519.hardDeriveMiniSecret(key, junction.chainCode());
                wipe(mini);
                mini = child;
                key = Sr25519.expandMiniSecret(mini);
            } else {
                key = Sr25519.softDerive(key, junction.chainCode(), RANDOM);
                wipe(mini);
                mini = null; // a soft child has no mini secret
            }
        }
        Keypair pair = new Keypair(key, mini);
        wipe(mini);
        return pair;
    }

    /** From a 32-byte mini secret (the keyfile's secretSeed). */
    public static Keypair fromMiniSecret(byte[] miniSecret) {
        return new Keypair(Sr25519.expandMiniSecret(miniSecret), miniSecret);
    }

    /** From the 64-byte schnorrkel secret: canonical scalar ‖ nonce (the keyfile's privateKey). */
    public static Keypair fromPrivateKey(byte[] scalarAndNonce) {
        return new Keypair(Sr25519SecretKey.fromBytes(scalarAndNonce), null);
    }

    /** From a mnemonic phrase with no derivation path and no passphrase. */
    public static Keypair fromMnemonic(String phrase) {
        byte[] mini = Mnemonic.toMiniSecret(phrase, "");
        try {
            return fromMiniSecret(mini);
        } finally {
            Arrays.fill(mini, (byte) 0);
        }
    }

    /** A fresh random key (for local rounds and tests). */
    public static Keypair generate() {
        byte[] mini = new byte[32];
        RANDOM.nextBytes(mini);
        try {
            return fromMiniSecret(mini);
        } finally {
            Arrays.fill(mini, (byte) 0);
        }
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String ss58Address() {
        return ss58;
    }

    /** A 64-byte sr25519 signature over {@code message}. Randomized: signing twice gives different bytes. */
    public byte[] sign(byte[] message) {
        return Sr25519.sign(secret, Sr25519.SUBSTRATE_CONTEXT, message, RANDOM);
    }

    /** True when {@code signature} is a valid sr25519 signature of {@code message} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return Sr25519.verify(publicKey, Sr25519.SUBSTRATE_CONTEXT, message, signature);
    }

    /** True when {@code signature} is valid for {@code message} by the owner of the SS58 address; false for a bad address. */
    public static boolean verify(String ss58Address, byte[] message, byte[] signature) {
        byte[] pub;
        try {
            pub = Ss58.decode(ss58Address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return verify(pub, message, signature);
    }

    /**
     * SECRET: the 32-byte mini secret (keyfile {@code secretSeed}), absent after a soft junction or
     * when loaded from a privateKey. Only for writing keyfiles and explicit user requests.
     */
    public Optional<byte[]> exportMiniSecret() {
        return Optional.ofNullable(miniSecret).map(byte[]::clone);
    }

    /** SECRET: the 64-byte schnorrkel secret, canonical scalar ‖ nonce (keyfile {@code privateKey}). */
    public byte[] exportPrivateKey() {
        return secret.toBytes();
    }

    private static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "Keypair[" + ss58 + "]";
    }
}
