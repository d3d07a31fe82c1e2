package org.cgp.chain.extrinsic;

import java.util.List;
import org.cgp.chain.internal.hash.Hashing;
import org.cgp.chain.internal.metadata.MetadataException;
import org.cgp.chain.internal.metadata.RuntimeMetadata;
import org.cgp.chain.internal.metadata.SignedExtension;
import org.cgp.chain.internal.metadata.TypeRegistry;
import org.cgp.chain.internal.scale.ScaleWriter;
import org.cgp.protocol.keys.Keypair;

/**
 * Builds signed v4 extrinsics (sr25519, {@code MultiAddress::Id} signer) whose extension data
 * follows the runtime's own signed-extension list: the known ones are filled in, unknown ones with
 * zero-sized types are encoded empty, and an unknown one that needs data is a clear error.
 */
public final class ExtrinsicBuilder {
    private static final int SIGNED_V4 = 0x84;
    private static final int MULTI_ADDRESS_ID = 0x00;
    private static final int MULTI_SIGNATURE_SR25519 = 0x01;

    private final RuntimeMetadata metadata;

    public ExtrinsicBuilder(RuntimeMetadata metadata) {
        if (metadata.extrinsicVersion() != 4) {
            throw new MetadataException("the runtime uses extrinsic version " + metadata.extrinsicVersion() + "; this client signs version 4");
        }
        this.metadata = metadata;
    }

    public SignedExtrinsic sign(Call call, Keypair signer, SigningContext ctx) {
        byte[] callBytes = call.encoded();
        ScaleWriter extra = new ScaleWriter();
        ScaleWriter implicit = new ScaleWriter();
        writeExtensions(metadata.signedExtensions(), metadata.types(), ctx, extra, implicit);
        byte[] extraBytes = extra.toByteArray();
        byte[] payload = new ScaleWriter(callBytes.length + extraBytes.length + 128).raw(callBytes).raw(extraBytes)
                .raw(implicit.toByteArray()).toByteArray();
        byte[] toSign = payload.length > 256 ? Hashing.blake2b256(payload) : payload;
        byte[] signature = signer.sign(toSign);
        ScaleWriter body = new ScaleWriter(callBytes.length + extraBytes.length + 120);
        body.u8(SIGNED_V4).u8(MULTI_ADDRESS_ID).raw(signer.publicKey()).u8(MULTI_SIGNATURE_SR25519).raw(signature)
                .raw(extraBytes).raw(callBytes);
        byte[] encoded = new ScaleWriter().vecU8(body.toByteArray()).toByteArray();
        return new SignedExtrinsic(call, signer.ss58Address(), ctx.nonce(), encoded);
    }

    /** Appends each extension's explicit data to {@code extra} and its implicit data to {@code implicit}. */
    static void writeExtensions(List<SignedExtension> extensions, TypeRegistry types, SigningContext ctx,
                                ScaleWriter extra, ScaleWriter implicit) {
        for (SignedExtension ext : extensions) {
            String id = ext.identifier();
            switch (id) {
                case "CheckSpecVersion" -> implicit.u32(ctx.specVersion());
                case "CheckTxVersion" -> implicit.u32(ctx.transactionVersion());
                case "CheckGenesis" -> implicit.raw(ctx.genesisHash());
                case "CheckMortality", "CheckEra" -> {
                    extra.raw(ctx.era().encode());
                    implicit.raw(ctx.era().isImmortal() ? ctx.genesisHash() : ctx.birthHash());
                }
                case "CheckNonce" -> extra.compact(ctx.nonce());
                case "ChargeTransactionPayment", "ChargeTransactionPaymentWrapper" -> extra.compact(ctx.tip());
                case "CheckMetadataHash" -> {
                    extra.u8(0);    // mode: disabled
                    implicit.u8(0); // Option<[u8; 32]>: None
                }
                default -> {
                    boolean explicitEmpty = types.isZeroSized(ext.type());
                    boolean implicitEmpty = types.isZeroSized(ext.additionalSigned());
                    if (!explicitEmpty || !implicitEmpty) {
                        throw new MetadataException("signed extension " + id + " needs data this client does not know how to fill ("
                                + (explicitEmpty ? "" : "explicit " + types.describe(ext.type()))
                                + (explicitEmpty || implicitEmpty ? "" : ", ")
                                + (implicitEmpty ? "" : "implicit " + types.describe(ext.additionalSigned())) + ")");
                    }
                }
            }
        }
    }
}
