package org.cgp.chain.internal.subtensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cgp.chain.internal.metadata.Pallet;
import org.cgp.chain.internal.metadata.PortableType;
import org.cgp.chain.internal.metadata.RuntimeMetadata;
import org.cgp.chain.internal.metadata.StorageEntry;
import org.cgp.chain.internal.metadata.StorageHasher;
import org.cgp.chain.internal.metadata.TestMetadata;
import org.cgp.chain.internal.metadata.TypeDef;
import org.cgp.chain.internal.metadata.TypeDef.Field;
import org.cgp.chain.internal.metadata.TypeDef.Primitive;
import org.cgp.chain.internal.metadata.TypeRegistry;
import org.cgp.chain.internal.metadata.ValueCodec;
import org.cgp.chain.internal.scale.ScaleReader;
import org.junit.jupiter.api.Test;

/**
 * From about spec 429 the metadata describes {@code NetUid} and {@code MechId} as composites of one
 * unnamed field (newtypes) instead of plain u16 and u8; the bytes on the wire are the same. A
 * fixture with that shape must give the same call bytes and storage keys as the transparent one, and
 * a stored newtype must read as its number.
 */
class CompositeNetUidTest {
    private static final int U8 = 0, U16 = 1, U64 = 2, VEC_U16 = 3, NET_UID = 4, MECH_ID = 5, CALL = 6, VEC_U8 = 7;

    private static RuntimeMetadata composite() {
        List<PortableType> types = List.of(
                type(U8, List.of(), new TypeDef.PrimitiveDef(Primitive.U8)),
                type(U16, List.of(), new TypeDef.PrimitiveDef(Primitive.U16)),
                type(U64, List.of(), new TypeDef.PrimitiveDef(Primitive.U64)),
                type(VEC_U16, List.of(), new TypeDef.Sequence(U16)),
                type(NET_UID, List.of("subtensor_runtime_common", "NetUid"), new TypeDef.Composite(List.of(new Field(null, U16, "u16")))),
                type(MECH_ID, List.of("subtensor_runtime_common", "MechId"), new TypeDef.Composite(List.of(new Field(null, U8, "u8")))),
                type(CALL, List.of("pallet_subtensor", "pallet", "Call"), new TypeDef.VariantDef(List.of(
                        new TypeDef.Variant("set_weights", 0, List.of(f("netuid", NET_UID), f("dests", VEC_U16), f("weights", VEC_U16),
                                f("version_key", U64))),
                        new TypeDef.Variant("commit_timelocked_mechanism_weights", 118, List.of(f("netuid", NET_UID), f("mecid", MECH_ID),
                                f("commit", VEC_U8), f("reveal_round", U64), f("commit_reveal_version", U16)))))),
                type(VEC_U8, List.of(), new TypeDef.Sequence(U8)));
        StorageEntry tempo = new StorageEntry("SubtensorModule", "Tempo", false, List.of(StorageHasher.IDENTITY), NET_UID, U16, new byte[] {0x64, 0});
        StorageEntry epochIndex = new StorageEntry("SubtensorModule", "SubnetEpochIndex", false, List.of(StorageHasher.IDENTITY), NET_UID, U64,
                new byte[8]);
        StorageEntry owner = new StorageEntry("SubtensorModule", "NetworkRegisteredAt", false, List.of(StorageHasher.IDENTITY), NET_UID, NET_UID,
                new byte[2]);
        Pallet subtensor = new Pallet("SubtensorModule", 7, Map.of("Tempo", tempo, "SubnetEpochIndex", epochIndex, "NetworkRegisteredAt", owner),
                CALL, null, null, Map.of());
        return new RuntimeMetadata(15, new TypeRegistry(types), List.of(subtensor), 4, List.of(), List.of());
    }

    @Test
    void callsEncodeAsWithTheTransparentTypes() {
        byte[] composite = new SubtensorCalls(composite()).setWeights(33, new int[] {1, 2}, new int[] {65535, 100}, 2444).encoded();
        byte[] transparent = new SubtensorCalls(TestMetadata.build()).setWeights(33, new int[] {1, 2}, new int[] {65535, 100}, 2444).encoded();
        assertThat(composite).isEqualTo(transparent);
        byte[] commit = new SubtensorCalls(composite()).encoder()
                .encode("SubtensorModule", "commit_timelocked_mechanism_weights", 33, 0, new byte[] {9, 9}, 1000L, 4).encoded();
        // pallet 7, call 118, netuid 33 as u16 LE, mechanism 0 as one byte, the commit, the round, the version
        assertThat(commit).isEqualTo(new byte[] {7, 118, 33, 0, 0, 8, 9, 9, (byte) 0xe8, 3, 0, 0, 0, 0, 0, 0, 4, 0});
    }

    @Test
    void storageKeysAndValuesReadAsWithTheTransparentTypes() {
        RuntimeMetadata md = composite();
        ValueCodec codec = new ValueCodec(md.types());
        byte[] key = SubtensorClient.storageKey(md.storage("SubtensorModule", "Tempo"), codec, 33);
        ValueCodec plain = new ValueCodec(TestMetadata.build().types());
        assertThat(key).isEqualTo(SubtensorClient.storageKey(TestMetadata.build().storage("SubtensorModule", "Tempo"), plain, 33));
        Object stored = codec.decode(NET_UID, new ScaleReader(new byte[] {33, 0}));
        assertThat(StorageItem.number("SubtensorModule", "NetworkRegisteredAt").apply(stored)).isEqualTo(33L);
        assertThat(SubtensorStorage.TEMPO.apply(codec.decode(U16, new ScaleReader(new byte[] {0x68, 1})))).isEqualTo(360L);
    }

    private static PortableType type(int id, List<String> path, TypeDef def) { return new PortableType(id, path, List.of(), def); }

    private static Field f(String name, int type) { return new Field(name, type, null); }
}
