package org.cgp.chain.internal.metadata;

import java.util.Map;
import java.util.Optional;

/** A pallet of the runtime: its index byte, storage items and the enum types of its calls, events and errors. */
public record Pallet(String name, int index, Map<String, StorageEntry> storage,
                     Integer callType, Integer eventType, Integer errorType, Map<String, byte[]> constants) {
    public Pallet {
        storage = Map.copyOf(storage);
        constants = Map.copyOf(constants);
    }

    public Optional<StorageEntry> storageEntry(String item) { return Optional.ofNullable(storage.get(item)); }
}
