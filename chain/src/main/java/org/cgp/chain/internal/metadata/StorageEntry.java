package org.cgp.chain.internal.metadata;

import java.util.List;

/**
 * A storage item of a pallet. {@code keyType} is null for a plain value; for a map with several
 * hashers it is a tuple type with one element per hasher. {@code defaultValue} is what a missing
 * entry reads as (for {@code optional} entries a missing value is None).
 */
public record StorageEntry(String pallet, String name, boolean optional, List<StorageHasher> hashers,
                           Integer keyType, int valueType, byte[] defaultValue) {
    public StorageEntry {
        hashers = List.copyOf(hashers);
        defaultValue = defaultValue.clone();
    }

    @Override public byte[] defaultValue() { return defaultValue.clone(); }

    public boolean isMap() { return keyType != null; }
}
