package org.cgp.protocol.internal.sr25519;

import cafe.cryptography.curve25519.Scalar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Schnorrkel (sr25519) operations on Ristretto255: mini-secret expansion (ed25519 mode),
 * Schnorr signatures over a signing context, and hierarchical derivation (hard and soft).
 * Scalar arithmetic (mod the group order) comes from curve25519-elisabeth; the group operations are
 * ours ({@link ScalarMultiply}, {@link Ristretto}) on BouncyCastle's field arithmetic, constant time
 * wherever a secret is involved; transcripts from {@link MerlinTranscript}.
 */
public final class Sr25519 {
    /** The signing context Substrate and Bittensor use. */
    public static final byte[] SUBSTRATE_CONTEXT = "substrate".getBytes(StandardCharsets.US_ASCII);
    public static final int SIGNATURE_LENGTH = 64;
    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int MINI_SECRET_LENGTH = 32;
    public static final int CHAIN_CODE_LENGTH = 32;

    private static final String HDKD_LABEL = "SchnorrRistrettoHDKD";
    private static final KeyTableCache KEY_TABLES = new KeyTableCache();

    private Sr25519() {}

    /**
     * Expands a 32-byte mini secret the way Substrate does (schnorrkel {@code ExpansionMode::Ed25519}):
     * SHA-512, clamp the low half, divide it by the cofactor 8 to get the canonical scalar; the high
     * half is the nonce seed.
     */
    public static Sr25519SecretKey expandMiniSecret(byte[] miniSecret) {
        if (miniSecret.length != MINI_SECRET_LENGTH) {
            throw new IllegalArgumentException("sr25519 mini secret must be 32 bytes, got " + miniSecret.length);
        }
        byte[] h = sha512(miniSecret);
        byte[] key = Arrays.copyOfRange(h, 0, 32);
        key[0] &= (byte) 248;
        key[31] &= 63;
        key[31] |= 64;
        divideByCofactor(key);
        Sr25519SecretKey secret = new Sr25519SecretKey(Scalar.fromBits(key), Arrays.copyOfRange(h, 32, 64));
        Arrays.fill(h, (byte) 0);
        Arrays.fill(key, (byte) 0);
        return secret;
    }

    /** The compressed public key {@code k B} of a secret scalar (constant time). */
    static byte[] publicKeyOf(Scalar k) {
        byte[] bytes = k.toByteArray();
        byte[] encoded = Ristretto.encode(ScalarMultiply.base(bytes));
        Arrays.fill(bytes, (byte) 0);
        return encoded;
    }

    /** Signs {@code message} under {@code context}; the nonce mixes the key's nonce seed with fresh randomness. */
    public static byte[] sign(Sr25519SecretKey secret, byte[] context, byte[] message, SecureRandom random) {
        MerlinTranscript t = signingTranscript(context, message);
        t.appendMessage("proto-name", "Schnorr-sig".getBytes(StandardCharsets.US_ASCII));
        t.appendMessage("sign:pk", secret.publicKeyNoCopy());
        Scalar r = Scalar.fromBytesModOrderWide(t.witnessBytes("signing", 64, random, secret.nonce()));
        byte[] bigR = publicKeyOf(r);
        t.appendMessage("sign:R", bigR);
        Scalar c = Scalar.fromBytesModOrderWide(t.challengeBytes("sign:c", 64));
        Scalar s = c.multiplyAndAdd(secret.scalar(), r);
        byte[] signature = new byte[SIGNATURE_LENGTH];
        System.arraycopy(bigR, 0, signature, 0, 32);
        System.arraycopy(s.toByteArray(), 0, signature, 32, 32);
        signature[63] |= (byte) 0x80;
        return signature;
    }

    /**
     * True when {@code signature} is a valid schnorrkel signature of {@code message} under
     * {@code context} by {@code publicKey}. Requires the schnorrkel marker bit and a canonical s.
     * Returns false (never throws) for malformed keys or signatures.
     */
    public static boolean verify(byte[] publicKey, byte[] context, byte[] message, byte[] signature) {
        if (publicKey == null || signature == null || message == null
            || publicKey.length != PUBLIC_KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        if ((signature[63] & 0x80) == 0) {
            return false;
        }
        byte[] sBytes = Arrays.copyOfRange(signature, 32, 64);
        sBytes[31] &= 0x7F;
        try {
            Scalar.fromCanonicalBytes(sBytes);
        } catch (IllegalArgumentException e) {
            return false;
        }
        ScalarMultiply.KeyTable a = KEY_TABLES.get(publicKey);
        if (a == null) return false;
        byte[] bigR = Arrays.copyOfRange(signature, 0, 32);
        MerlinTranscript t = signingTranscript(context, message);
        t.appendMessage("proto-name", "Schnorr-sig".getBytes(StandardCharsets.US_ASCII));
        t.appendMessage("sign:pk", publicKey);
        t.appendMessage("sign:R", bigR);
        Scalar c = Scalar.fromBytesModOrderWide(t.challengeBytes("sign:c", 64));
        return MessageDigest.isEqual(Ristretto.encode(ScalarMultiply.verifyEquation(sBytes, c.toByteArray(), a)), bigR);
    }

    /**
     * Hard derivation (schnorrkel {@code hard_derive_mini_secret_key} with empty extra bytes):
     * returns the child's 32-byte mini secret, which Substrate then expands in ed25519 mode.
     */
    public static byte[] hardDeriveMiniSecret(Sr25519SecretKey parent, byte[] chainCode) {
        requireChainCode(chainCode);
        MerlinTranscript t = new MerlinTranscript(HDKD_LABEL);
        t.appendMessage("sign-bytes", new byte[0]);
        t.appendMessage("chain-code", chainCode);
        byte[] k = parent.scalar().toByteArray();
        t.appendMessage("secret-key", k);
        Arrays.fill(k, (byte) 0);
        return t.challengeBytes("HDKD-hard", 32);
    }

    /**
     * Soft derivation of a secret key (schnorrkel {@code derived_key_simple}, current version: a plain
     * {@code Transcript("SchnorrRistrettoHDKD")}, not a signing context): the child scalar is
     * {@code k + scalar(cc, A)}, so its public key equals {@link #softDerivePublic}; the child's
     * nonce seed is fresh (witness RNG), as in schnorrkel.
     */
    public static Sr25519SecretKey softDerive(Sr25519SecretKey parent, byte[] chainCode, SecureRandom random) {
        requireChainCode(chainCode);
        MerlinTranscript t = softTranscript(chainCode, parent.publicKeyNoCopy());
        Scalar delta = Scalar.fromBytesModOrderWide(t.challengeBytes("HDKD-scalar", 64));
        t.challengeBytes("HDKD-chaincode", 32);
        byte[] nonce = t.witnessBytes("HDKD-nonce", 32, random, parent.nonce(), parent.toBytes());
        return new Sr25519SecretKey(parent.scalar().add(delta), nonce);
    }

    /** Soft derivation of a public key alone: {@code A + scalar(cc, A)·B}. */
    public static byte[] softDerivePublic(byte[] publicKey, byte[] chainCode) {
        requireChainCode(chainCode);
        if (publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("sr25519 public key must be 32 bytes");
        }
        EdwardsPoint a = Ristretto.decode(publicKey);
        if (a == null) throw new IllegalArgumentException("not a valid Ristretto public key");
        MerlinTranscript t = softTranscript(chainCode, publicKey);
        Scalar delta = Scalar.fromBytesModOrderWide(t.challengeBytes("HDKD-scalar", 64));
        EdwardsPoint child = ScalarMultiply.base(delta.toByteArray()); // public: derived from the public key
        child.add(a.cached());
        return Ristretto.encode(child);
    }

    private static MerlinTranscript softTranscript(byte[] chainCode, byte[] publicKey) {
        MerlinTranscript t = new MerlinTranscript(HDKD_LABEL);
        t.appendMessage("sign-bytes", new byte[0]);
        t.appendMessage("chain-code", chainCode);
        t.appendMessage("public-key", publicKey);
        return t;
    }

    /** schnorrkel {@code signing_context(context).bytes(message)}. */
    private static MerlinTranscript signingTranscript(byte[] context, byte[] message) {
        MerlinTranscript t = new MerlinTranscript("SigningContext");
        t.appendMessage(new byte[0], context);
        t.appendMessage("sign-bytes", message);
        return t;
    }

    private static void requireChainCode(byte[] chainCode) {
        if (chainCode.length != CHAIN_CODE_LENGTH) {
            throw new IllegalArgumentException("chain code must be 32 bytes, got " + chainCode.length);
        }
    }

    /** Divides a little-endian 256-bit number by 8 in place (a 3-bit right shift). */
    private static void divideByCofactor(byte[] le) {
        int low = 0;
        for (int i = le.length - 1; i >= 0; i--) {
            int v = le[i] & 0xFF;
            le[i] = (byte) ((v >>> 3) | low);
            low = (v & 7) << 5;
        }
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 unavailable", e);
        }
    }
}
