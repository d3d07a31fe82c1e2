package org.cgp.chain.internal.metadata;

import java.util.List;
import java.util.Map;
import org.cgp.chain.internal.metadata.TypeDef.Field;
import org.cgp.chain.internal.metadata.TypeDef.Primitive;

/** A small hand-built runtime metadata with the subtensor items the unit tests need (no node). */
public final class TestMetadata {
    public static final int ACCOUNT = 0, BYTES32 = 1, U8 = 2, U16 = 3, U32 = 4, U64 = 5, U128 = 6, VEC_U16 = 7,
            SUBTENSOR_CALL = 8, UIDS_KEY = 9, BOOL = 10, ERRORS = 11, U32_COMPACT = 12;

    private TestMetadata() {}

    public static RuntimeMetadata build() {
        List<PortableType> types = List.of(
                type(ACCOUNT, List.of("sp_core", "crypto", "AccountId32"), new TypeDef.Composite(List.of(new Field(null, BYTES32, "[u8; 32]")))),
                type(BYTES32, List.of(), new TypeDef.ArrayDef(32, U8)),
                type(U8, List.of(), new TypeDef.PrimitiveDef(Primitive.U8)),
                type(U16, List.of(), new TypeDef.PrimitiveDef(Primitive.U16)),
                type(U32, List.of(), new TypeDef.PrimitiveDef(Primitive.U32)),
                type(U64, List.of(), new TypeDef.PrimitiveDef(Primitive.U64)),
                type(U128, List.of(), new TypeDef.PrimitiveDef(Primitive.U128)),
                type(VEC_U16, List.of(), new TypeDef.Sequence(U16)),
                type(SUBTENSOR_CALL, List.of("pallet_subtensor", "pallet", "Call"), new TypeDef.VariantDef(List.of(
                        new TypeDef.Variant("set_weights", 0, List.of(f("netuid", U16), f("dests", VEC_U16), f("weights", VEC_U16), f("version_key", U64))),
                        new TypeDef.Variant("serve_axon", 4, List.of(f("netuid", U16), f("version", U32), f("ip", U128), f("port", U16),
                                f("ip_type", U8), f("protocol", U8), f("placeholder1", U8), f("placeholder2", U8)))))),
                type(UIDS_KEY, List.of(), new TypeDef.Tuple(List.of(U16, ACCOUNT))),
                type(BOOL, List.of(), new TypeDef.PrimitiveDef(Primitive.BOOL)),
                type(ERRORS, List.of("pallet_subtensor", "pallet", "Error"), new TypeDef.VariantDef(List.of(
                        new TypeDef.Variant("RootNetworkDoesNotExist", 0, List.of()),
                        new TypeDef.Variant("SettingWeightsTooFast", 29, List.of())))),
                type(U32_COMPACT, List.of(), new TypeDef.CompactDef(U32)));
        StorageEntry tempo = new StorageEntry("SubtensorModule", "Tempo", false, List.of(StorageHasher.IDENTITY), U16, U16, new byte[] {0x64, 0});
        StorageEntry uids = new StorageEntry("SubtensorModule", "Uids", true,
                List.of(StorageHasher.IDENTITY, StorageHasher.BLAKE2_128_CONCAT), UIDS_KEY, U16, new byte[] {0});
        StorageEntry cr = new StorageEntry("SubtensorModule", "CommitRevealWeightsEnabled", false, List.of(StorageHasher.IDENTITY), U16, BOOL, new byte[] {1});
        StorageEntry number = new StorageEntry("System", "Number", false, List.of(), null, U32, new byte[4]);
        Pallet system = new Pallet("System", 0, Map.of("Number", number), null, null, null, Map.of());
        Pallet subtensor = new Pallet("SubtensorModule", 7, Map.of("Tempo", tempo, "Uids", uids, "CommitRevealWeightsEnabled", cr),
                SUBTENSOR_CALL, null, ERRORS, Map.of());
        return new RuntimeMetadata(15, new TypeRegistry(types), List.of(system, subtensor), 4, List.of(), List.of());
    }

    private static PortableType type(int id, List<String> path, TypeDef def) { return new PortableType(id, path, List.of(), def); }

    private static Field f(String name, int type) { return new Field(name, type, null); }
}
