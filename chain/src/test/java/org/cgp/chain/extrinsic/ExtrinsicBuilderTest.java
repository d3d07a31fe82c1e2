package org.cgp.chain.extrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cgp.chain.internal.hash.Hashing;
import org.cgp.chain.internal.metadata.MetadataException;
import org.cgp.chain.internal.metadata.PortableType;
import org.cgp.chain.internal.metadata.RuntimeMetadata;
import org.cgp.chain.internal.metadata.SignedExtension;
import org.cgp.chain.internal.metadata.TestMetadata;
import org.cgp.chain.internal.metadata.TypeDef;
import org.cgp.chain.internal.metadata.TypeRegistry;
import org.cgp.chain.internal.scale.Hex;
import org.cgp.chain.internal.scale.ScaleReader;
import org.cgp.chain.internal.scale.ScaleWriter;
import org.cgp.chain.internal.subtensor.SubtensorCalls;
import org.cgp.protocol.keys.Keypair;
import org.junit.jupiter.api.Test;

class ExtrinsicBuilderTest {
    private static final int EMPTY = 100, U8 = 101, U32 = 102, H256 = 103, ERA = 104, COMPACT = 105;
    private static final byte[] GENESIS = filled(0x11), BIRTH = filled(0x22);

    private static byte[] filled(int b) {
        byte[] x = new byte[32];
        Arrays.fill(x, (byte) b);
        return x;
    }

    /** The test metadata plus the current subtensor extension list (BITTENSOR-PROTOCOL §4.4), including ones this client does not know. */
    private static RuntimeMetadata metadata(List<SignedExtension> extensions) {
        RuntimeMetadata base = TestMetadata.build();
        List<PortableType> types = new ArrayList<>();
        for (int id = 0; id <= TestMetadata.U32_COMPACT; id++) types.add(base.types().get(id));
        types.add(new PortableType(EMPTY, List.of("CheckWeight"), List.of(), new TypeDef.Composite(List.of())));
        types.add(new PortableType(U8, List.of(), List.of(), new TypeDef.PrimitiveDef(TypeDef.Primitive.U8)));
        types.add(new PortableType(U32, List.of(), List.of(), new TypeDef.PrimitiveDef(TypeDef.Primitive.U32)));
        types.add(new PortableType(H256, List.of("primitive_types", "H256"), List.of(), new TypeDef.ArrayDef(32, U8)));
        types.add(new PortableType(ERA, List.of("Era"), List.of(), new TypeDef.VariantDef(List.of())));
        types.add(new PortableType(COMPACT, List.of(), List.of(), new TypeDef.CompactDef(U32)));
        return new RuntimeMetadata(15, new TypeRegistry(types), base.pallets(), 4, extensions, List.of());
    }

    private static List<SignedExtension> current() {
        return List.of(new SignedExtension("CheckNonZeroSender", EMPTY, EMPTY), new SignedExtension("CheckSpecVersion", EMPTY, U32),
                new SignedExtension("CheckTxVersion", EMPTY, U32), new SignedExtension("CheckGenesis", EMPTY, H256),
                new SignedExtension("CheckMortality", ERA, H256), new SignedExtension("CheckNonce", COMPACT, EMPTY),
                new SignedExtension("CheckWeight", EMPTY, EMPTY), new SignedExtension("ChargeTransactionPaymentWrapper", COMPACT, EMPTY),
                new SignedExtension("SudoTransactionExtension", EMPTY, EMPTY), new SignedExtension("CheckShieldedTxValidity", EMPTY, EMPTY),
                new SignedExtension("SubtensorTransactionExtension", EMPTY, EMPTY), new SignedExtension("DrandPriority", EMPTY, EMPTY),
                new SignedExtension("CheckMetadataHash", U8, EMPTY));
    }

    private static SigningContext ctx(long nonce) {
        return new SigningContext(nonce, Era.mortal(64, 100), BIRTH, GENESIS, 425, 7, BigInteger.ZERO);
    }

    @Test
    void extensionDataFollowsTheRuntimeListAndSkipsUnknownZeroSizedOnes() {
        ScaleWriter extra = new ScaleWriter(), implicit = new ScaleWriter();
        ExtrinsicBuilder.writeExtensions(current(), metadata(current()).types(), ctx(5), extra, implicit);
        assertThat(Hex.encode(extra.toByteArray())).isEqualTo("4502" + "14" + "00" + "00");
        assertThat(Hex.encode(implicit.toByteArray())).isEqualTo("a9010000" + "07000000" + Hex.encode(GENESIS) + Hex.encode(BIRTH) + "00");
    }

    @Test
    void anUnknownExtensionThatNeedsDataIsAClearError() {
        List<SignedExtension> ext = new ArrayList<>(current());
        ext.add(new SignedExtension("ChargeAssetTxPayment", COMPACT, EMPTY));
        assertThatThrownBy(() -> new ExtrinsicBuilder(metadata(ext)).sign(new SubtensorCalls(metadata(ext)).setWeights(1, new int[] {0}, new int[] {1}, 0),
                Keypair.fromUri("//Alice"), ctx(0)))
                .isInstanceOf(MetadataException.class).hasMessageContaining("ChargeAssetTxPayment").hasMessageContaining("Compact<u32>");
    }

    @Test
    void signedExtrinsicLayoutAndSignature() {
        RuntimeMetadata md = metadata(current());
        Keypair alice = Keypair.fromUri("//Alice");
        for (int n : new int[] {2, 200}) { // 200 weights make the payload longer than 256 bytes: then its hash is signed
            int[] uids = new int[n], w = new int[n];
            for (int i = 0; i < n; i++) {
                uids[i] = i;
                w[i] = 1 + i;
            }
            Call call = new SubtensorCalls(md).setWeights(1, uids, w, 0);
            SignedExtrinsic xt = new ExtrinsicBuilder(md).sign(call, alice, ctx(5));
            ScaleReader r = new ScaleReader(xt.bytes());
            int len = r.compactLength();
            assertThat(len).isEqualTo(r.remaining());
            assertThat(r.u8()).isEqualTo(0x84);
            assertThat(r.u8()).isZero();
            assertThat(r.bytes(32)).isEqualTo(alice.publicKey());
            assertThat(r.u8()).isEqualTo(1);
            byte[] sig = r.bytes(64);
            byte[] extra = r.bytes(5);
            assertThat(Hex.encode(extra)).isEqualTo("4502140000");
            assertThat(r.bytes(r.remaining())).isEqualTo(call.encoded());
            byte[] payload = new ScaleWriter().raw(call.encoded()).raw(extra)
                    .u32(425).u32(7).raw(GENESIS).raw(BIRTH).u8(0).toByteArray();
            byte[] signed = payload.length > 256 ? Hashing.blake2b256(payload) : payload;
            assertThat(Keypair.verify(alice.publicKey(), signed, sig)).as("signature over %d-byte payload", payload.length).isTrue();
            assertThat(xt.hash()).isEqualTo(Hex.prefixed(Hashing.blake2b256(xt.bytes())));
        }
    }

    @Test
    void onlyVersion4ExtrinsicsAreSigned() {
        RuntimeMetadata base = metadata(current());
        RuntimeMetadata v5 = new RuntimeMetadata(15, base.types(), base.pallets(), 5, base.signedExtensions(), List.of());
        assertThatThrownBy(() -> new ExtrinsicBuilder(v5)).isInstanceOf(MetadataException.class).hasMessageContaining("version 5");
    }
}
