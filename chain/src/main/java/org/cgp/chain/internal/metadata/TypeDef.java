package org.cgp.chain.internal.metadata;

import java.util.List;
import java.util.Optional;

/** The shape of one type in the portable registry (scale-info {@code TypeDef}). */
public sealed interface TypeDef {
    /** A named or unnamed field of a struct or enum variant; {@code name} is null for tuple-like fields. */
    record Field(String name, int type, String typeName) {}

    /** One enum variant: its name, its SCALE index byte and its fields. */
    record Variant(String name, int index, List<Field> fields) {
        public Variant { fields = List.copyOf(fields); }
    }

    record Composite(List<Field> fields) implements TypeDef {
        public Composite { fields = List.copyOf(fields); }
    }

    record VariantDef(List<Variant> variants) implements TypeDef {
        public VariantDef { variants = List.copyOf(variants); }

        public Optional<Variant> byIndex(int index) {
            for (Variant v : variants) if (v.index() == index) return Optional.of(v);
            return Optional.empty();
        }

        public Optional<Variant> byName(String name) {
            for (Variant v : variants) if (v.name().equals(name)) return Optional.of(v);
            return Optional.empty();
        }
    }

    record Sequence(int type) implements TypeDef {}

    record ArrayDef(long length, int type) implements TypeDef {}

    record Tuple(List<Integer> types) implements TypeDef {
        public Tuple { types = List.copyOf(types); }
    }

    record PrimitiveDef(Primitive primitive) implements TypeDef {}

    record CompactDef(int type) implements TypeDef {}

    record BitSequence(int storeType, int orderType) implements TypeDef {}

    /** scale-info primitives, in their SCALE index order. */
    enum Primitive {
        BOOL(1), CHAR(4), STR(-1), U8(1), U16(2), U32(4), U64(8), U128(16), U256(32),
        I8(1), I16(2), I32(4), I64(8), I128(16), I256(32);

        /** Fixed width in bytes, or -1 for the length-prefixed string. */
        public final int width;

        Primitive(int width) { this.width = width; }

        public boolean signed() { return name().startsWith("I"); }
    }
}
