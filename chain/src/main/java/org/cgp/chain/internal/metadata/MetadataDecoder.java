package org.cgp.chain.internal.metadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.chain.internal.scale.ScaleException;
import org.cgp.chain.internal.scale.ScaleReader;

/** Decodes {@code RuntimeMetadataPrefixed} bytes (magic {@code meta}, then version 14 or 15). */
public final class MetadataDecoder {
    private static final int MAGIC = 0x6174656d; // "meta" little-endian

    private MetadataDecoder() {}

    public static RuntimeMetadata decode(byte[] bytes) {
        ScaleReader r = new ScaleReader(bytes);
        try {
            if (r.remaining() < 5 || r.u32() != (MAGIC & 0xffffffffL)) {
                throw new MetadataException("not runtime metadata: the bytes do not start with the 'meta' magic");
            }
            int version = r.u8();
            if (version != 14 && version != 15) {
                throw new MetadataException("runtime metadata version " + version + " is not supported (this client reads v14 and v15)");
            }
            return version == 14 ? v14(r) : v15(r);
        } catch (ScaleException e) {
            throw new MetadataException("runtime metadata does not decode: " + e.getMessage());
        }
    }

    private static RuntimeMetadata v14(ScaleReader r) {
        TypeRegistry types = registry(r);
        List<Pallet> pallets = pallets(r, false);
        r.compactLength(); // UncheckedExtrinsic type
        int xtVersion = r.u8();
        List<SignedExtension> ext = signedExtensions(r);
        r.compactLength(); // runtime type
        return new RuntimeMetadata(14, types, pallets, xtVersion, ext, List.of());
    }

    private static RuntimeMetadata v15(ScaleReader r) {
        TypeRegistry types = registry(r);
        List<Pallet> pallets = pallets(r, true);
        int xtVersion = r.u8();
        for (int i = 0; i < 4; i++) r.compactLength(); // address, call, signature, extra types
        List<SignedExtension> ext = signedExtensions(r);
        r.compactLength(); // runtime type
        int apiCount = r.compactLength();
        List<String> apis = new ArrayList<>(apiCount);
        for (int i = 0; i < apiCount; i++) {
            apis.add(r.string());
            int methods = r.compactLength();
            for (int m = 0; m < methods; m++) {
                r.string();
                int inputs = r.compactLength();
                for (int k = 0; k < inputs; k++) {
                    r.string();
                    r.compactLength();
                }
                r.compactLength();
                docs(r);
            }
            docs(r);
        }
        return new RuntimeMetadata(15, types, pallets, xtVersion, ext, apis);
    }

    private static TypeRegistry registry(ScaleReader r) {
        int n = r.compactLength();
        List<PortableType> types = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = r.compactLength();
            List<String> path = strings(r);
            int pc = r.compactLength();
            List<PortableType.TypeParam> params = new ArrayList<>(pc);
            for (int k = 0; k < pc; k++) {
                String name = r.string();
                Integer ty = r.optionTag() ? r.compactLength() : null;
                params.add(new PortableType.TypeParam(name, ty));
            }
            TypeDef def = typeDef(r);
            docs(r);
            types.add(new PortableType(id, path, params, def));
        }
        return new TypeRegistry(types);
    }

    private static TypeDef typeDef(ScaleReader r) {
        int tag = r.u8();
        return switch (tag) {
            case 0 -> new TypeDef.Composite(fields(r));
            case 1 -> {
                int n = r.compactLength();
                List<TypeDef.Variant> vs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String name = r.string();
                    List<TypeDef.Field> fields = fields(r);
                    int index = r.u8();
                    docs(r);
                    vs.add(new TypeDef.Variant(name, index, fields));
                }
                yield new TypeDef.VariantDef(vs);
            }
            case 2 -> new TypeDef.Sequence(r.compactLength());
            case 3 -> {
                long len = r.u32();
                yield new TypeDef.ArrayDef(len, r.compactLength());
            }
            case 4 -> {
                int n = r.compactLength();
                List<Integer> ts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) ts.add(r.compactLength());
                yield new TypeDef.Tuple(ts);
            }
            case 5 -> {
                int p = r.u8();
                if (p >= TypeDef.Primitive.values().length) throw new ScaleException("unknown primitive type " + p);
                yield new TypeDef.PrimitiveDef(TypeDef.Primitive.values()[p]);
            }
            case 6 -> new TypeDef.CompactDef(r.compactLength());
            case 7 -> new TypeDef.BitSequence(r.compactLength(), r.compactLength());
            default -> throw new ScaleException("unknown TypeDef tag " + tag);
        };
    }

    private static List<TypeDef.Field> fields(ScaleReader r) {
        int n = r.compactLength();
        List<TypeDef.Field> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = r.optionTag() ? r.string() : null;
            int ty = r.compactLength();
            String typeName = r.optionTag() ? r.string() : null;
            docs(r);
            out.add(new TypeDef.Field(name, ty, typeName));
        }
        return out;
    }

    private static List<Pallet> pallets(ScaleReader r, boolean withDocs) {
        int n = r.compactLength();
        List<Pallet> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = r.string();
            Map<String, StorageEntry> storage = new LinkedHashMap<>();
            if (r.optionTag()) {
                String prefix = r.string();
                int entries = r.compactLength();
                for (int k = 0; k < entries; k++) {
                    StorageEntry e = storageEntry(r, prefix);
                    storage.put(e.name(), e);
                }
            }
            Integer calls = r.optionTag() ? r.compactLength() : null;
            Integer events = r.optionTag() ? r.compactLength() : null;
            int cc = r.compactLength();
            Map<String, byte[]> constants = new HashMap<>();
            for (int k = 0; k < cc; k++) {
                String cname = r.string();
                r.compactLength();
                constants.put(cname, r.vecU8());
                docs(r);
            }
            Integer errors = r.optionTag() ? r.compactLength() : null;
            int index = r.u8();
            if (withDocs) docs(r);
            out.add(new Pallet(name, index, storage, calls, events, errors, constants));
        }
        return out;
    }

    private static StorageEntry storageEntry(ScaleReader r, String prefix) {
        String name = r.string();
        int modifier = r.u8();
        int kind = r.u8();
        List<StorageHasher> hashers = new ArrayList<>();
        Integer keyType = null;
        int valueType;
        if (kind == 0) {
            valueType = r.compactLength();
        } else if (kind == 1) {
            int hn = r.compactLength();
            for (int h = 0; h < hn; h++) {
                int idx = r.u8();
                if (idx >= StorageHasher.values().length) throw new ScaleException("unknown storage hasher " + idx);
                hashers.add(StorageHasher.values()[idx]);
            }
            keyType = r.compactLength();
            valueType = r.compactLength();
        } else {
            throw new ScaleException("unknown storage entry kind " + kind + " for " + prefix + "." + name);
        }
        byte[] def = r.vecU8();
        docs(r);
        return new StorageEntry(prefix, name, modifier == 0, hashers, keyType, valueType, def);
    }

    private static List<SignedExtension> signedExtensions(ScaleReader r) {
        int n = r.compactLength();
        List<SignedExtension> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new SignedExtension(r.string(), r.compactLength(), r.compactLength()));
        return out;
    }

    private static List<String> strings(ScaleReader r) {
        int n = r.compactLength();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(r.string());
        return out;
    }

    private static void docs(ScaleReader r) {
        int n = r.compactLength();
        for (int i = 0; i < n; i++) r.skip(r.compactLength());
    }
}
