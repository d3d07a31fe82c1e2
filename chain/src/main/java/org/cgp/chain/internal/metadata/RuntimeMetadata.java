package org.cgp.chain.internal.metadata;

import org.cgp.chain.extrinsic.DispatchError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this client uses from a runtime's metadata (v14 or v15): the type registry, pallets by name
 * and index (call, event and error enums, storage entries), and the signed-extension list.
 */
public final class RuntimeMetadata {
    private final int version;
    private final TypeRegistry types;
    private final Map<String, Pallet> palletsByName = new LinkedHashMap<>();
    private final Map<Integer, Pallet> palletsByIndex = new LinkedHashMap<>();
    private final int extrinsicVersion;
    private final List<SignedExtension> signedExtensions;
    private final List<String> runtimeApis;

    public RuntimeMetadata(int version, TypeRegistry types, List<Pallet> pallets, int extrinsicVersion,
                           List<SignedExtension> signedExtensions, List<String> runtimeApis) {
        this.version = version;
        this.types = types;
        for (Pallet p : pallets) {
            palletsByName.put(p.name(), p);
            palletsByIndex.put(p.index(), p);
        }
        this.extrinsicVersion = extrinsicVersion;
        this.signedExtensions = List.copyOf(signedExtensions);
        this.runtimeApis = List.copyOf(runtimeApis);
    }

    /** The metadata version it was decoded from: 14 or 15. */
    public int version() { return version; }

    public TypeRegistry types() { return types; }

    public int extrinsicVersion() { return extrinsicVersion; }

    public List<SignedExtension> signedExtensions() { return signedExtensions; }

    /** Runtime API trait names (v15 only; empty for v14). */
    public List<String> runtimeApis() { return runtimeApis; }

    public List<Pallet> pallets() { return List.copyOf(palletsByName.values()); }

    public Pallet pallet(String name) {
        Pallet p = palletsByName.get(name);
        if (p == null) throw new MetadataException("the runtime has no pallet named " + name);
        return p;
    }

    public Optional<Pallet> palletByIndex(int index) { return Optional.ofNullable(palletsByIndex.get(index)); }

    public StorageEntry storage(String pallet, String item) {
        return pallet(pallet).storageEntry(item)
                .orElseThrow(() -> new MetadataException("the runtime has no storage item " + pallet + "." + item));
    }

    /** The call variant {@code pallet.call} (its index byte and argument fields). */
    public TypeDef.Variant call(String pallet, String call) {
        Pallet p = pallet(pallet);
        if (p.callType() == null) throw new MetadataException("pallet " + pallet + " has no calls");
        if (!(types.def(p.callType()) instanceof TypeDef.VariantDef v)) {
            throw new MetadataException("calls of pallet " + pallet + " are not an enum");
        }
        return v.byName(call).orElseThrow(() -> new MetadataException("the runtime has no call " + pallet + "." + call));
    }

    /** Error {@code errorIndex} of the pallet at {@code palletIndex}, e.g. {@code SubtensorModule.SettingWeightsTooFast}. */
    public DispatchError moduleError(int palletIndex, int errorIndex) {
        Pallet p = palletsByIndex.get(palletIndex);
        if (p == null) return DispatchError.module("pallet#" + palletIndex, "error#" + errorIndex);
        if (p.errorType() != null && types.def(p.errorType()) instanceof TypeDef.VariantDef v) {
            Optional<TypeDef.Variant> e = v.byIndex(errorIndex);
            if (e.isPresent()) return DispatchError.module(p.name(), e.get().name());
        }
        return DispatchError.module(p.name(), "error#" + errorIndex);
    }
}
