package org.cgp.protocol.internal.sr25519;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verification tables of the public keys seen most recently (an axon hears from the same few
 * dozen validators all day): a key's decoding and its 128 doublings are paid once, not per
 * request. Bounded, least recently used first out, so a flood of fresh keys only costs its
 * sender the uncached path. Only valid keys are kept; everything in it is public.
 */
final class KeyTableCache {
    static final int CAPACITY = 256;

    private final Map<ByteBuffer, ScalarMultiply.KeyTable> tables = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<ByteBuffer, ScalarMultiply.KeyTable> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The table of {@code publicKey}, or null when it is not a Ristretto point. */
    ScalarMultiply.KeyTable get(byte[] publicKey) {
        synchronized (tables) {
            ScalarMultiply.KeyTable known = tables.get(ByteBuffer.wrap(publicKey)); // a lookup needs no copy
            if (known != null) return known;
        }
        EdwardsPoint a = Ristretto.decode(publicKey);
        if (a == null) return null;
        ScalarMultiply.KeyTable table = new ScalarMultiply.KeyTable(a);
        synchronized (tables) {
            tables.put(ByteBuffer.wrap(publicKey.clone()), table); // a kept key must not change under the map
        }
        return table;
    }
}
