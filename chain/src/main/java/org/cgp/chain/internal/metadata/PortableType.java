package org.cgp.chain.internal.metadata;

import java.util.List;

/** One entry of the portable type registry: id, Rust path (e.g. {@code sp_core::crypto::AccountId32}), generics, shape. */
public record PortableType(int id, List<String> path, List<TypeParam> params, TypeDef def) {
    public PortableType {
        path = List.copyOf(path);
        params = List.copyOf(params);
    }

    /** A generic parameter; {@code type} is null when the parameter is not used. */
    public record TypeParam(String name, Integer type) {}

    /** The last segment of the path, or an empty string for anonymous types. */
    public String name() { return path.isEmpty() ? "" : path.get(path.size() - 1); }
}
