package org.cgp.chain.internal.metadata;

import java.util.List;
import java.util.Map;

/**
 * An enum value: the variant's name (and index when decoded) and its fields, which are a
 * {@code Map} (named fields), a {@code List} (unnamed fields), a single value (one unnamed field)
 * or null (no fields).
 */
public record VariantValue(String name, int index, Object value) {
    /** For encoding: the variant is looked up by name. */
    public static VariantValue of(String name, Object value) { return new VariantValue(name, -1, value); }

    public static VariantValue unit(String name) { return new VariantValue(name, -1, null); }

    /** A named field of this variant's value, or null. */
    public Object field(String fieldName) {
        return value instanceof Map<?, ?> m ? m.get(fieldName) : null;
    }

    /** The {@code i}-th field, whether fields are named or not. */
    public Object field(int i) {
        if (value instanceof Map<?, ?> m) return List.copyOf(m.values()).get(i);
        if (value instanceof List<?> l) return l.get(i);
        if (i == 0) return value;
        throw new IndexOutOfBoundsException("variant " + name + " has no field " + i);
    }
}
