package org.cgp.chain.internal.hash;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/** The hash functions Substrate uses for storage keys, extrinsic payloads and commit hashes. */
public final class Hashing {
    private Hashing() {}

    /** {@code twox64}: xxh64 seed 0, little-endian. */
    public static byte[] twox64(byte[] data) { return twox(data, 1); }

    /** {@code twox128}: xxh64 seed 0 LE ‖ xxh64 seed 1 LE. */
    public static byte[] twox128(byte[] data) { return twox(data, 2); }

    public static byte[] twox128(String s) { return twox128(s.getBytes(StandardCharsets.UTF_8)); }

    public static byte[] twox256(byte[] data) { return twox(data, 4); }

    private static byte[] twox(byte[] data, int rounds) {
        byte[] out = new byte[8 * rounds];
        for (int r = 0; r < rounds; r++) {
            long h = XxHash64.hash(data, r);
            for (int i = 0; i < 8; i++) out[8 * r + i] = (byte) (h >>> (8 * i));
        }
        return out;
    }

    public static byte[] blake2b128(byte[] data) { return blake2b(data, 16); }

    public static byte[] blake2b256(byte[] data) { return blake2b(data, 32); }

    private static byte[] blake2b(byte[] data, int size) {
        Blake2bDigest d = new Blake2bDigest(size * 8);
        d.update(data, 0, data.length);
        byte[] out = new byte[size];
        d.doFinal(out, 0);
        return out;
    }
}
