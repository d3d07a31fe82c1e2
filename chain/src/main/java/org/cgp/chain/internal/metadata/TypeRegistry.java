package org.cgp.chain.internal.metadata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cgp.chain.internal.scale.ScaleException;

/** The portable type registry of a runtime's metadata, indexed by type id. */
public final class TypeRegistry {
    private final Map<Integer, PortableType> byId = new HashMap<>();

    public TypeRegistry(List<PortableType> types) {
        for (PortableType t : types) byId.put(t.id(), t);
    }

    public PortableType get(int id) {
        PortableType t = byId.get(id);
        if (t == null) throw new ScaleException("type id " + id + " is not in the metadata's type registry");
        return t;
    }

    public TypeDef def(int id) { return get(id).def(); }

    public int size() { return byId.size(); }

    /**
     * True when values of this type encode to zero bytes (empty structs and tuples, and arrays or
     * structs made only of such). Signed extensions of such types need no explicit or implicit data.
     */
    public boolean isZeroSized(int id) { return isZeroSized(id, 0); }

    private boolean isZeroSized(int id, int depth) {
        if (depth > 64) return false;
        TypeDef d = def(id);
        if (d instanceof TypeDef.Composite c) {
            for (TypeDef.Field f : c.fields()) if (!isZeroSized(f.type(), depth + 1)) return false;
            return true;
        }
        if (d instanceof TypeDef.Tuple t) {
            for (int ty : t.types()) if (!isZeroSized(ty, depth + 1)) return false;
            return true;
        }
        if (d instanceof TypeDef.ArrayDef a) return a.length() == 0 || isZeroSized(a.type(), depth + 1);
        return false;
    }

    /** A readable name for messages: the Rust path's last segment or the shape. */
    public String describe(int id) {
        PortableType t = get(id);
        if (!t.path().isEmpty()) return String.join("::", t.path());
        TypeDef d = t.def();
        if (d instanceof TypeDef.PrimitiveDef p) return p.primitive().name().toLowerCase();
        if (d instanceof TypeDef.Sequence s) return "Vec<" + describe(s.type()) + ">";
        if (d instanceof TypeDef.ArrayDef a) return "[" + describe(a.type()) + "; " + a.length() + "]";
        if (d instanceof TypeDef.CompactDef c) return "Compact<" + describe(c.type()) + ">";
        if (d instanceof TypeDef.Tuple tu) return "(" + String.join(", ", tu.types().stream().map(this::describe).toList()) + ")";
        return d.getClass().getSimpleName();
    }
}
