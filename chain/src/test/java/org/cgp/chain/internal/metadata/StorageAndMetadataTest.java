package org.cgp.chain.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cgp.chain.internal.scale.Hex;
import org.cgp.chain.internal.scale.ScaleReader;
import org.cgp.chain.internal.subtensor.SubtensorClient;
import org.junit.jupiter.api.Test;

class StorageAndMetadataTest {
    private final RuntimeMetadata md = TestMetadata.build();
    private final ValueCodec codec = new ValueCodec(md.types());
    private static final byte[] ALICE = Hex.decode("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");

    @Test
    void identityKeyOfTempo() {
        byte[] key = SubtensorClient.storageKey(md.storage("SubtensorModule", "Tempo"), codec, 1);
        assertThat(Hex.encode(key)).isEqualTo("658faa385070e074c85bf6b568cf0555" + "7641384bb339f3758acddfd7053d3317" + "0100");
    }

    @Test
    void doubleMapKeyOfUids() {
        byte[] key = SubtensorClient.storageKey(md.storage("SubtensorModule", "Uids"), codec, 1, ALICE);
        assertThat(Hex.encode(key)).endsWith("aab1b4e78e1ea8305462ee53b3686dc8" + "0100" + "de1e86a9a8c739864cf3cc5ec2bea59f"
                + "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    }

    @Test
    void plainKeyOfSystemNumber() {
        byte[] key = SubtensorClient.storageKey(md.storage("System", "Number"), codec);
        assertThat(Hex.encode(key)).isEqualTo("26aa394eea5630e07c48ae0c9558cef7" + "02a5c1b19ab7a04f536c519aca4983ac");
    }

    @Test
    void errorNamesComeFromThePalletErrorEnum() {
        assertThat(md.moduleError(7, 29)).isEqualTo(org.cgp.chain.extrinsic.DispatchError.module("SubtensorModule", "SettingWeightsTooFast"));
        assertThat(md.moduleError(7, 29)).hasToString("SubtensorModule.SettingWeightsTooFast");
        assertThat(md.moduleError(7, 200)).hasToString("SubtensorModule.error#200");
        assertThat(md.moduleError(99, 1)).hasToString("pallet#99.error#1");
        assertThat(org.cgp.chain.extrinsic.DispatchError.other("BadOrigin").isModuleError()).isFalse();
        assertThat(new org.cgp.chain.extrinsic.DispatchException("set_weights", md.moduleError(7, 29), "0xab").shortName())
                .isEqualTo("SettingWeightsTooFast");
    }

    @Test
    void dynamicValuesDecodeAndEncode() {
        assertThat((byte[]) codec.decode(TestMetadata.ACCOUNT, new ScaleReader(ALICE))).isEqualTo(ALICE);
        assertThat(codec.decode(TestMetadata.ERRORS, new ScaleReader(new byte[] {29})))
                .isEqualTo(new VariantValue("SettingWeightsTooFast", 29, null));
        assertThat(Hex.encode(codec.encode(TestMetadata.U32_COMPACT, 16384L))).isEqualTo("02000100");
        assertThat(codec.decode(TestMetadata.VEC_U16, new ScaleReader(Hex.decode("080100ffff")))).isEqualTo(java.util.List.of(1, 65535));
        assertThatThrownBy(() -> codec.decode(TestMetadata.ERRORS, new ScaleReader(new byte[] {3})))
                .hasMessageContaining("variant index 3");
    }

    @Test
    void zeroSizedTypesAreRecognised() {
        TypeRegistry reg = new TypeRegistry(java.util.List.of(
                new PortableType(0, java.util.List.of("CheckWeight"), java.util.List.of(), new TypeDef.Composite(java.util.List.of())),
                new PortableType(1, java.util.List.of(), java.util.List.of(), new TypeDef.Tuple(java.util.List.of())),
                new PortableType(2, java.util.List.of("Wrapper"), java.util.List.of(), new TypeDef.Composite(java.util.List.of(new TypeDef.Field(null, 1, null)))),
                new PortableType(3, java.util.List.of(), java.util.List.of(), new TypeDef.PrimitiveDef(TypeDef.Primitive.U8))));
        assertThat(reg.isZeroSized(0)).isTrue();
        assertThat(reg.isZeroSized(1)).isTrue();
        assertThat(reg.isZeroSized(2)).isTrue();
        assertThat(reg.isZeroSized(3)).isFalse();
    }

    @Test
    void unsupportedMetadataVersionsAreClearErrors() {
        assertThatThrownBy(() -> MetadataDecoder.decode(Hex.decode("6d657461" + "0d" + "00")))
                .isInstanceOf(MetadataException.class).hasMessageContaining("version 13 is not supported");
        assertThatThrownBy(() -> MetadataDecoder.decode(Hex.decode("00000000" + "0e")))
                .isInstanceOf(MetadataException.class).hasMessageContaining("magic");
        assertThatThrownBy(() -> MetadataDecoder.decode(Hex.decode("6d657461" + "0e" + "08")))
                .isInstanceOf(MetadataException.class).hasMessageContaining("does not decode");
    }
}
