package org.cgp.protocol.internal.sr25519;

import cafe.cryptography.curve25519.Scalar;

import java.util.Arrays;

/**
 * An expanded schnorrkel secret key: the canonical secret scalar {@code k}, the 32-byte signing
 * nonce seed, and the compressed Ristretto public key {@code k·B}. Immutable. {@link #toString()}
 * never shows secret material.
 */
public final class Sr25519SecretKey {
    private final Scalar key;
    private final byte[] nonce;
    private final byte[] publicKey;

    Sr25519SecretKey(Scalar key, byte[] nonce) {
        if (nonce.length != 32) {
            throw new IllegalArgumentException("sr25519 nonce must be 32 bytes");
        }
        this.key = key;
        this.nonce = nonce.clone();
        this.publicKey = Sr25519.publicKeyOf(key);
    }

    /**
     * From the 64-byte schnorrkel encoding: canonical little-endian scalar (32) ‖ nonce (32),
     * as stored in a Bittensor keyfile's {@code privateKey}.
     */
    public static Sr25519SecretKey fromBytes(byte[] scalarAndNonce) {
        if (scalarAndNonce.length != 64) {
            throw new IllegalArgumentException("sr25519 secret key must be 64 bytes (scalar ‖ nonce), got "
                + scalarAndNonce.length);
        }
        Scalar k;
        try {
            k = Scalar.fromCanonicalBytes(Arrays.copyOfRange(scalarAndNonce, 0, 32));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sr25519 secret key scalar is not canonical");
        }
        return new Sr25519SecretKey(k, Arrays.copyOfRange(scalarAndNonce, 32, 64));
    }

    /** The 64-byte schnorrkel encoding: canonical scalar ‖ nonce. Secret: handle with care. */
    public byte[] toBytes() {
        byte[] out = new byte[64];
        System.arraycopy(key.toByteArray(), 0, out, 0, 32);
        System.arraycopy(nonce, 0, out, 32, 32);
        return out;
    }

    /** The 32-byte compressed Ristretto public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    Scalar scalar() {
        return key;
    }

    byte[] nonce() {
        return nonce;
    }

    byte[] publicKeyNoCopy() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "Sr25519SecretKey[secret hidden]";
    }
}
