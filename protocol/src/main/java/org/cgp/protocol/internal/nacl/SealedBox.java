package org.cgp.protocol.internal.nacl;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * libsodium's {@code crypto_box_seal} and {@code crypto_box_seal_open} (PyNaCl's {@code SealedBox}),
 * built from BouncyCastle's primitives: X25519, BLAKE2b-192 for the nonce, HSalsa20 (written here:
 * BouncyCastle keeps it private) for the shared key, XSalsa20 and Poly1305.
 *
 * <p>Sealed: {@code epk(32) ‖ tag(16) ‖ ciphertext}, with {@code epk} a fresh ephemeral public key
 * and the nonce {@code BLAKE2b-24(epk ‖ recipient pk)}; 48 bytes longer than the message.
 */
public final class SealedBox {
    public static final int KEY_BYTES = 32;
    public static final int OVERHEAD = 48;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SIGMA = "expand 32-byte k".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private SealedBox() {}

    /** The X25519 public key of a 32-byte private key. */
    public static byte[] publicKey(byte[] privateKey) {
        requireKey(privateKey, "private key");
        byte[] pk = new byte[KEY_BYTES];
        X25519.scalarMultBase(privateKey, 0, pk, 0);
        return pk;
    }

    /** A fresh random private key. */
    public static byte[] newPrivateKey() {
        byte[] sk = new byte[KEY_BYTES];
        X25519.generatePrivateKey(RANDOM, sk);
        return sk;
    }

    /** Seals {@code message} to {@code recipientPublicKey}. */
    public static byte[] seal(byte[] message, byte[] recipientPublicKey) {
        requireKey(recipientPublicKey, "public key");
        byte[] esk = newPrivateKey();
        try {
            byte[] epk = publicKey(esk);
            byte[] key = sharedKey(esk, recipientPublicKey);
            byte[] nonce = nonce(epk, recipientPublicKey);
            byte[] out = new byte[OVERHEAD + message.length];
            System.arraycopy(epk, 0, out, 0, KEY_BYTES);
            XSalsa20Engine stream = stream(key, nonce);
            byte[] macKey = new byte[32];
            stream.processBytes(new byte[32], 0, 32, macKey, 0);
            stream.processBytes(message, 0, message.length, out, OVERHEAD);
            byte[] tag = mac(macKey, out, OVERHEAD, message.length);
            System.arraycopy(tag, 0, out, KEY_BYTES, 16);
            Arrays.fill(key, (byte) 0);
            Arrays.fill(macKey, (byte) 0);
            return out;
        } finally {
            Arrays.fill(esk, (byte) 0);
        }
    }

    /** Opens a sealed box with the recipient's private key; throws {@link OpenFailed} when it is not one for this key or was altered. */
    public static byte[] open(byte[] sealed, byte[] recipientPrivateKey) {
        requireKey(recipientPrivateKey, "private key");
        if (sealed.length < OVERHEAD) throw new OpenFailed("shorter than a sealed box (" + sealed.length + " < " + OVERHEAD + " bytes)");
        byte[] pk = publicKey(recipientPrivateKey);
        byte[] epk = Arrays.copyOfRange(sealed, 0, KEY_BYTES);
        byte[] key = sharedKey(recipientPrivateKey, epk);
        byte[] nonce = nonce(epk, pk);
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, macKey, 0);
        int n = sealed.length - OVERHEAD;
        byte[] expected = mac(macKey, sealed, OVERHEAD, n);
        Arrays.fill(macKey, (byte) 0);
        if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(16, expected, 0, sealed, KEY_BYTES)) {
            Arrays.fill(key, (byte) 0);
            throw new OpenFailed("not sealed to this key, or altered");
        }
        byte[] message = new byte[n];
        stream.processBytes(sealed, OVERHEAD, n, message, 0);
        Arrays.fill(key, (byte) 0);
        return message;
    }

    /** A sealed box that does not open. */
    public static final class OpenFailed extends RuntimeException {
        OpenFailed(String message) { super(message); }
    }

    private static byte[] sharedKey(byte[] privateKey, byte[] publicKey) {
        byte[] s = new byte[32];
        if (!X25519.calculateAgreement(privateKey, 0, publicKey, 0, s, 0)) {
            throw new OpenFailed("the public key is a low-order point (all-zero shared secret)");
        }
        byte[] k = hsalsa20(s, new byte[16]);
        Arrays.fill(s, (byte) 0);
        return k;
    }

    private static byte[] nonce(byte[] epk, byte[] pk) {
        Blake2bDigest d = new Blake2bDigest(192);
        d.update(epk, 0, epk.length);
        d.update(pk, 0, pk.length);
        byte[] n = new byte[24];
        d.doFinal(n, 0);
        return n;
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
        XSalsa20Engine e = new XSalsa20Engine();
        e.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return e;
    }

    private static byte[] mac(byte[] key, byte[] data, int off, int len) {
        Poly1305 p = new Poly1305();
        p.init(new KeyParameter(key));
        p.update(data, off, len);
        byte[] tag = new byte[16];
        p.doFinal(tag, 0);
        return tag;
    }

    /**
     * HSalsa20: the Salsa20 core over {σ, key, input} without the final addition, words 0, 5, 10,
     * 15, 6, 7, 8, 9 of the result. {@link Salsa20Engine#salsaCore} adds the input back, so it is
     * subtracted here (as BouncyCastle's own XSalsa20 key setup does).
     */
    static byte[] hsalsa20(byte[] key, byte[] input) {
        int[] x = new int[16];
        x[0] = le(SIGMA, 0);
        for (int i = 0; i < 4; i++) x[1 + i] = le(key, 4 * i);
        x[5] = le(SIGMA, 4);
        for (int i = 0; i < 4; i++) x[6 + i] = le(input, 4 * i);
        x[10] = le(SIGMA, 8);
        for (int i = 0; i < 4; i++) x[11 + i] = le(key, 16 + 4 * i);
        x[15] = le(SIGMA, 12);
        int[] out = new int[16];
        Salsa20Engine.salsaCore(20, x, out);
        for (int i = 0; i < 16; i++) out[i] -= x[i];
        byte[] k = new byte[32];
        int[] pick = {0, 5, 10, 15, 6, 7, 8, 9};
        for (int i = 0; i < 8; i++) {
            int w = out[pick[i]];
            k[4 * i] = (byte) w;
            k[4 * i + 1] = (byte) (w >>> 8);
            k[4 * i + 2] = (byte) (w >>> 16);
            k[4 * i + 3] = (byte) (w >>> 24);
        }
        Arrays.fill(x, 0);
        Arrays.fill(out, 0);
        return k;
    }

    private static int le(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void requireKey(byte[] key, String what) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 " + what + " has 32 bytes, got " + (key == null ? "none" : key.length));
        }
    }
}
