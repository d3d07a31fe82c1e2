package org.cgp.chain.tle;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.PT;

/**
 * Timelock encryption to a drand quicknet round, as the subtensor chain decrypts it (the {@code tle}
 * crate: Boneh-Franklin IBE on BLS12-381 with signatures in G1 and keys in G2, and AES-256-GCM).
 *
 * <p>To encrypt {@code m} for round {@code n}: the identity is {@code SHA-256(n as u64 big-endian)},
 * hashed to G1 with RFC 9380 and the quicknet DST; a random 32-byte {@code esk} is the AES key and
 * the IBE message; {@code r = SHA-256(sigma ‖ esk) mod q} for a random {@code sigma};
 * {@code U = r·G2}, {@code V = sigma ⊕ SHA-256(e(Q_id, r·P_pub))} (the GT element serialised as
 * arkworks does), {@code W = esk ⊕ SHA-256(sigma)}; the plaintext is sealed with AES-256-GCM under
 * {@code esk}. The ciphertext is {@code U(96) ‖ vec(V) ‖ vec(W) ‖ vec(vec(ct‖tag) ‖ vec(nonce)) ‖
 * vec("AES_GCM_")}, each {@code vec} a u64 little-endian length and the bytes: 244 bytes plus the
 * plaintext. Once drand publishes round {@code n}'s signature (a G1 point), anyone can decrypt.
 *
 * <p>Decoding is strict: U must be a G2 point in the prime-order subgroup, V and W exactly 32
 * bytes, the nonce 12. Randomness is injectable ({@link Randomness}) so tests reproduce vectors byte
 * for byte. Thread-safe.
 */
public final class Timelock {
    /** drand quicknet's public key (G2, compressed). */
    public static final byte[] QUICKNET_PUBLIC_KEY = HexFormat.of().parseHex(
            "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a");
    public static final String QUICKNET_DST = "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";
    /** The order of the BLS12-381 scalar field. */
    static final BigInteger R = new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
    static final byte[] SUITE = "AES_GCM_".getBytes(StandardCharsets.US_ASCII);
    /** Ciphertext bytes beyond the plaintext's. */
    public static final int OVERHEAD = 244;

    /** The three random values of one encryption: the AES key {@code esk} (32), {@code sigma} (32) and the GCM nonce (12). */
    public interface Randomness {
        byte[] bytes(int n);

        static Randomness secure() {
            SecureRandom r = new SecureRandom();
            return n -> {
                byte[] b = new byte[n];
                r.nextBytes(b);
                return b;
            };
        }
    }

    private final P2_Affine publicKey;
    private final String dst;

    /** A timelock for drand quicknet. */
    public static Timelock quicknet() { return new Timelock(QUICKNET_PUBLIC_KEY, QUICKNET_DST); }

    public Timelock(byte[] publicKeyG2Compressed, String dst) {
        this.publicKey = new P2_Affine(publicKeyG2Compressed);
        if (!publicKey.in_group()) throw new IllegalArgumentException("the drand public key is not in G2");
        this.dst = dst;
    }

    /** {@code plaintext} encrypted to {@code round}, with fresh randomness. */
    public byte[] encrypt(byte[] plaintext, long round) {
        return encrypt(plaintext, round, Randomness.secure());
    }

    public byte[] encrypt(byte[] plaintext, long round, Randomness random) {
        byte[] esk = random.bytes(32);
        byte[] sigma = random.bytes(32);
        byte[] nonce = random.bytes(12);
        BigInteger r = h3(sigma, esk);
        P1 qid = identity(round);
        byte[] u = P2.generator().mult(r).compress();
        PT g = new PT(qid.to_affine(), new P2(publicKey).mult(r).to_affine()).final_exp();
        byte[] v = xor(sigma, sha256(gtBytes(g)));
        byte[] w = xor(esk, sha256(sigma));
        byte[] sealed = aes(Cipher.ENCRYPT_MODE, esk, nonce, plaintext);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        vec(body, sealed);
        vec(body, nonce);
        ByteArrayOutputStream out = new ByteArrayOutputStream(OVERHEAD + plaintext.length);
        out.writeBytes(u);
        vec(out, v);
        vec(out, w);
        vec(out, body.toByteArray());
        vec(out, SUITE);
        return out.toByteArray();
    }

    /** The plaintext of {@code ciphertext}, opened with the round's drand signature (G1, compressed, 48 bytes). */
    public byte[] decrypt(byte[] ciphertext, byte[] signatureG1Compressed) {
        Reader in = new Reader(ciphertext);
        byte[] uBytes = in.bytes(96, "U");
        P2_Affine u;
        try {
            u = new P2_Affine(uBytes);
        } catch (RuntimeException e) {
            throw new TimelockException("U is not a compressed G2 point");
        }
        if (!u.in_group()) throw new TimelockException("U is not in the prime-order subgroup of G2");
        byte[] v = in.vec("V", 32);
        byte[] w = in.vec("W", 32);
        byte[] body = in.vec("body", -1);
        in.vec("cipher suite", -1); // never checked, as the chain does not check it
        P1_Affine sig;
        try {
            sig = new P1_Affine(signatureG1Compressed);
        } catch (RuntimeException e) {
            throw new TimelockException("the signature is not a compressed G1 point");
        }
        if (!sig.in_group()) throw new TimelockException("the signature is not in G1");
        byte[] sigma = xor(v, sha256(gtBytes(new PT(sig, u).final_exp())));
        byte[] esk = xor(w, sha256(sigma));
        if (!P2.generator().mult(h3(sigma, esk)).is_equal(new P2(u))) {
            throw new TimelockException("InvalidSignature: this signature does not open the ciphertext (wrong round, or U, V or W altered)");
        }
        Reader b = new Reader(body);
        byte[] sealed = b.vec("AES ciphertext", -1);
        byte[] nonce = b.vec("nonce", -1);
        if (nonce.length != 12) throw new TimelockException("BadNonce: the AES-GCM nonce has " + nonce.length + " bytes, not 12");
        return aes(Cipher.DECRYPT_MODE, esk, nonce, sealed);
    }

    /** Q_id = hash_to_G1(SHA-256(round as u64 big-endian), DST). */
    P1 identity(long round) {
        byte[] m = sha256(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(round).array());
        return new P1().hash_to(m, dst);
    }

    /** H3: SHA-256(sigma ‖ esk) as a big-endian integer, mod r. */
    static BigInteger h3(byte[] sigma, byte[] esk) {
        byte[] both = Arrays.copyOf(sigma, sigma.length + esk.length);
        System.arraycopy(esk, 0, both, sigma.length, esk.length);
        return new BigInteger(1, sha256(both)).mod(R);
    }

    /**
     * The GT element as arkworks serialises it: Fq12 = c0, c1; Fq6 = c0, c1, c2; Fq2 = c0, c1; each
     * Fq 48 bytes little-endian. blst writes, big-endian, for each Fq6 coefficient i the two Fq12
     * halves j, each as its two Fq2 coefficients.
     */
    static byte[] gtBytes(PT pt) {
        byte[] be = pt.to_bendian();
        if (be.length != 576) throw new IllegalStateException("GT element of " + be.length + " bytes");
        byte[] out = new byte[576];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                for (int b = 0; b < 2; b++) {
                    int from = (i * 4 + j * 2 + b) * 48;
                    int to = (j * 6 + i * 2 + b) * 48;
                    for (int k = 0; k < 48; k++) out[to + k] = be[from + 47 - k];
                }
            }
        }
        return out;
    }

    private static byte[] aes(int mode, byte[] key, byte[] nonce, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            return c.doFinal(data);
        } catch (AEADBadTagException e) {
            throw new TimelockException("InvalidKey: the AES-GCM tag does not match");
        } catch (GeneralSecurityException e) {
            throw new TimelockException("AES-GCM failed: " + e.getMessage());
        }
    }

    static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (byte) (a[i] ^ b[i]);
        return out;
    }

    private static void vec(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.length).array());
        out.writeBytes(bytes);
    }

    /** Reads the layout strictly: every length is checked against what is left. */
    private static final class Reader {
        private final byte[] data;
        private int at;

        Reader(byte[] data) { this.data = data; }

        byte[] bytes(int n, String what) {
            if (n < 0 || at + n > data.length) throw new TimelockException("the ciphertext ends inside " + what);
            byte[] out = Arrays.copyOfRange(data, at, at + n);
            at += n;
            return out;
        }

        /** A u64 little-endian length and that many bytes; {@code exact} >= 0 demands that length. */
        byte[] vec(String what, int exact) {
            byte[] len = bytes(8, "the length of " + what);
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (exact >= 0 && n != exact) throw new TimelockException(what + " has " + n + " bytes, not " + exact);
            if (n < 0 || n > data.length - at) throw new TimelockException(what + " claims " + Long.toUnsignedString(n) + " bytes, more than the ciphertext holds");
            return bytes((int) n, what);
        }
    }
}
