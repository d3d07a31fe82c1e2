package org.cgp.chain.internal.metadata;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cgp.chain.internal.scale.ScaleException;
import org.cgp.chain.internal.scale.ScaleReader;
import org.cgp.chain.internal.scale.ScaleWriter;

/**
 * Encodes and decodes values of any registry type, driven by the metadata (subxt's "dynamic"
 * values). Decoded values are Java values: Boolean, Integer (u8/u16/i8..i32), Long (u32/u64,
 * compacts that fit), BigInteger (wider), String, byte[] (u8 sequences and arrays), List (sequences,
 * tuples, unnamed fields), LinkedHashMap (named fields) and {@link VariantValue}. A composite with a
 * single unnamed field decodes to that field's value (so AccountId32 is a byte[32]).
 */
public final class ValueCodec {
    private final TypeRegistry types;

    public ValueCodec(TypeRegistry types) { this.types = types; }

    public TypeRegistry registry() { return types; }

    // ---------------------------------------------------------------- decoding

    public Object decode(int typeId, ScaleReader r) {
        TypeDef d = types.def(typeId);
        if (d instanceof TypeDef.PrimitiveDef p) return primitive(p.primitive(), r);
        if (d instanceof TypeDef.CompactDef) {
            BigInteger v = r.compactBig();
            return v.bitLength() < 63 ? (Object) v.longValue() : v;
        }
        if (d instanceof TypeDef.Composite c) return fields(c.fields(), r);
        if (d instanceof TypeDef.VariantDef v) {
            int idx = r.u8();
            TypeDef.Variant variant = v.byIndex(idx).orElseThrow(() ->
                    new ScaleException("variant index " + idx + " is not defined for " + types.describe(typeId)));
            return new VariantValue(variant.name(), idx, variant.fields().isEmpty() ? null : fields(variant.fields(), r));
        }
        if (d instanceof TypeDef.Sequence s) return elements(s.type(), r.compactLength(), r);
        if (d instanceof TypeDef.ArrayDef a) return elements(a.type(), Math.toIntExact(a.length()), r);
        if (d instanceof TypeDef.Tuple t) {
            List<Object> out = new ArrayList<>(t.types().size());
            for (int ty : t.types()) out.add(decode(ty, r));
            return out;
        }
        if (d instanceof TypeDef.BitSequence b) {
            int bits = r.compactLength();
            int storeBits = 8 * primitiveWidth(b.storeType());
            return r.bytes(((bits + storeBits - 1) / storeBits) * (storeBits / 8));
        }
        throw new ScaleException("cannot decode type " + types.describe(typeId));
    }

    private Object fields(List<TypeDef.Field> fields, ScaleReader r) {
        if (fields.isEmpty()) return List.of();
        if (fields.get(0).name() == null) {
            if (fields.size() == 1) return decode(fields.get(0).type(), r);
            List<Object> out = new ArrayList<>(fields.size());
            for (TypeDef.Field f : fields) out.add(decode(f.type(), r));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (TypeDef.Field f : fields) out.put(f.name(), decode(f.type(), r));
        return out;
    }

    private Object elements(int elementType, int n, ScaleReader r) {
        if (isU8(elementType)) return r.bytes(n);
        List<Object> out = new ArrayList<>(Math.min(n, 4096));
        for (int i = 0; i < n; i++) out.add(decode(elementType, r));
        return out;
    }

    private static Object primitive(TypeDef.Primitive p, ScaleReader r) {
        return switch (p) {
            case BOOL -> r.bool();
            case CHAR -> new String(Character.toChars((int) r.u32()));
            case STR -> r.string();
            case U8 -> r.u8();
            case U16 -> r.u16();
            case U32 -> r.u32();
            case U64 -> r.u64();
            case U128, U256 -> r.unsignedLe(p.width);
            case I8 -> (int) (byte) r.u8();
            case I16 -> (int) (short) r.u16();
            case I32 -> (int) r.u32();
            case I64 -> r.u64();
            case I128, I256 -> r.signedLe(p.width);
        };
    }

    private boolean isU8(int typeId) {
        return types.def(typeId) instanceof TypeDef.PrimitiveDef p && p.primitive() == TypeDef.Primitive.U8;
    }

    private int primitiveWidth(int typeId) {
        if (types.def(typeId) instanceof TypeDef.PrimitiveDef p && p.primitive().width > 0) return p.primitive().width;
        throw new ScaleException("bit sequence store type " + types.describe(typeId) + " is not an unsigned integer");
    }

    // ---------------------------------------------------------------- encoding

    public byte[] encode(int typeId, Object value) {
        ScaleWriter w = new ScaleWriter();
        encode(typeId, value, w);
        return w.toByteArray();
    }

    public void encode(int typeId, Object value, ScaleWriter w) {
        if (value instanceof RawScale raw) {
            w.raw(raw.bytes());
            return;
        }
        TypeDef d = types.def(typeId);
        try {
            if (d instanceof TypeDef.PrimitiveDef p) encodePrimitive(p.primitive(), value, w);
            else if (d instanceof TypeDef.CompactDef c) w.compact(bigOf(value));
            else if (d instanceof TypeDef.Composite c) encodeFields(typeId, c.fields(), value, w);
            else if (d instanceof TypeDef.VariantDef v) encodeVariant(typeId, v, value, w);
            else if (d instanceof TypeDef.Sequence s) {
                List<?> items = asList(value, s.type());
                w.compact(items.size());
                for (Object item : items) encode(s.type(), item, w);
            } else if (d instanceof TypeDef.ArrayDef a) {
                List<?> items = asList(value, a.type());
                if (items.size() != a.length()) {
                    throw new IllegalArgumentException("expected " + a.length() + " elements, got " + items.size());
                }
                for (Object item : items) encode(a.type(), item, w);
            } else if (d instanceof TypeDef.Tuple t) {
                List<?> items = t.types().size() == 1 && !(value instanceof List<?>) ? List.of(value) : asList(value, -1);
                if (items.size() != t.types().size()) {
                    throw new IllegalArgumentException("expected a tuple of " + t.types().size() + ", got " + items.size());
                }
                for (int i = 0; i < items.size(); i++) encode(t.types().get(i), items.get(i), w);
            } else {
                throw new IllegalArgumentException("encoding of " + d.getClass().getSimpleName() + " is not supported");
            }
        } catch (ClassCastException | ArithmeticException e) {
            throw new IllegalArgumentException("value " + describeValue(value) + " does not fit type " + types.describe(typeId) + ": " + e.getMessage());
        }
    }

    private void encodeFields(int typeId, List<TypeDef.Field> fields, Object value, ScaleWriter w) {
        if (fields.isEmpty()) return;
        if (fields.size() == 1 && !(value instanceof Map<?, ?> m && m.containsKey(fields.get(0).name()))) {
            encode(fields.get(0).type(), value, w);
            return;
        }
        if (value instanceof Map<?, ?> m) {
            for (TypeDef.Field f : fields) {
                if (!m.containsKey(f.name())) throw new IllegalArgumentException("missing field " + f.name() + " of " + types.describe(typeId));
                encode(f.type(), m.get(f.name()), w);
            }
            return;
        }
        List<?> items = asList(value, -1);
        if (items.size() != fields.size()) {
            throw new IllegalArgumentException(types.describe(typeId) + " has " + fields.size() + " fields, got " + items.size() + " values");
        }
        for (int i = 0; i < fields.size(); i++) encode(fields.get(i).type(), items.get(i), w);
    }

    private void encodeVariant(int typeId, TypeDef.VariantDef v, Object value, ScaleWriter w) {
        String name;
        Object inner;
        if (value instanceof VariantValue vv) {
            name = vv.name();
            inner = vv.value();
        } else if (value instanceof Optional<?> o) {
            name = o.isPresent() ? "Some" : "None";
            inner = o.orElse(null);
        } else if (value == null) {
            name = "None";
            inner = null;
        } else if (value instanceof String s) {
            name = s;
            inner = null;
        } else if (isOption(typeId)) {
            name = "Some";
            inner = value;
        } else {
            throw new IllegalArgumentException("enum " + types.describe(typeId) + " needs a VariantValue, got " + describeValue(value));
        }
        TypeDef.Variant variant = v.byName(name).orElseThrow(() ->
                new IllegalArgumentException("enum " + types.describe(typeId) + " has no variant " + name));
        w.u8(variant.index());
        if (!variant.fields().isEmpty()) encodeFields(typeId, variant.fields(), inner, w);
    }

    private boolean isOption(int typeId) {
        List<String> p = types.get(typeId).path();
        return p.size() == 1 && p.get(0).equals("Option");
    }

    private List<?> asList(Object value, int elementType) {
        if (value instanceof List<?> l) return l;
        if (value instanceof byte[] b) {
            List<Integer> out = new ArrayList<>(b.length);
            for (byte x : b) out.add(x & 0xff);
            return out;
        }
        if (value instanceof int[] a) return java.util.Arrays.stream(a).boxed().toList();
        if (value instanceof long[] a) return java.util.Arrays.stream(a).boxed().toList();
        if (value instanceof Object[] a) return List.of(a);
        throw new IllegalArgumentException("expected a list" + (elementType >= 0 ? " of " + types.describe(elementType) : "") + ", got " + describeValue(value));
    }

    private static void encodePrimitive(TypeDef.Primitive p, Object value, ScaleWriter w) {
        switch (p) {
            case BOOL -> w.bool((Boolean) value);
            case STR -> w.string((String) value);
            case CHAR -> w.u32(((String) value).codePointAt(0));
            case U8, U16, U32, U64, U128, U256 -> w.unsignedLe(bigOf(value), p.width);
            default -> w.signedLe(bigOf(value), p.width);
        }
    }

    private static BigInteger bigOf(Object value) {
        if (value instanceof BigInteger b) return b;
        if (value instanceof Number n) return BigInteger.valueOf(n.longValue());
        if (value instanceof Boolean b) return b ? BigInteger.ONE : BigInteger.ZERO;
        throw new ClassCastException("not a number: " + describeValue(value));
    }

    private static String describeValue(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
