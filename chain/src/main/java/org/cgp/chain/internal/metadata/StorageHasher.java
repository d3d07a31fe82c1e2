package org.cgp.chain.internal.metadata;

import org.cgp.chain.internal.hash.Hashing;

/** Storage map key hashers, in their metadata index order. */
public enum StorageHasher {
    BLAKE2_128, BLAKE2_256, BLAKE2_128_CONCAT, TWOX_128, TWOX_256, TWOX_64_CONCAT, IDENTITY;

    /** The bytes this hasher contributes to a storage key for the SCALE-encoded key part. */
    public byte[] apply(byte[] encodedKey) {
        return switch (this) {
            case BLAKE2_128 -> Hashing.blake2b128(encodedKey);
            case BLAKE2_256 -> Hashing.blake2b256(encodedKey);
            case BLAKE2_128_CONCAT -> concat(Hashing.blake2b128(encodedKey), encodedKey);
            case TWOX_128 -> Hashing.twox128(encodedKey);
            case TWOX_256 -> Hashing.twox256(encodedKey);
            case TWOX_64_CONCAT -> concat(Hashing.twox64(encodedKey), encodedKey);
            case IDENTITY -> encodedKey.clone();
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
