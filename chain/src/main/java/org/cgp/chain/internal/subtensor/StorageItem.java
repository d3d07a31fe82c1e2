package org.cgp.chain.internal.subtensor;

import java.util.function.Function;
import org.cgp.chain.ChainException;

/**
 * A runtime storage item with the Java type its value has here: the pallet and item name the
 * metadata knows it by, and how the dynamically decoded value becomes a {@code T}. A value of
 * the wrong shape is a {@link ChainException} naming the item ({@code SubtensorModule.Tempo is
 * not a number: ...}). Read with {@link SubtensorClient#read}.
 */
public record StorageItem<T>(String pallet, String name, Function<Object, T> decode) {
    /** A u16/u64 item read as a long. */
    public static StorageItem<Long> number(String pallet, String name) {
        return new StorageItem<>(pallet, name, v -> {
            if (v instanceof Number n) return n.longValue();
            throw new ChainException(pallet + "." + name + " is not a number: " + v);
        });
    }

    /** A bool item. */
    public static StorageItem<Boolean> bool(String pallet, String name) {
        return new StorageItem<>(pallet, name, v -> {
            if (v instanceof Boolean b) return b;
            throw new ChainException(pallet + "." + name + " is not a bool: " + v);
        });
    }

    /** The decoded value as {@code T}. */
    T apply(Object decoded) {
        return decode.apply(decoded);
    }

    @Override public String toString() { return pallet + "." + name; }
}
