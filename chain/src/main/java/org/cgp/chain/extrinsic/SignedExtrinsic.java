package org.cgp.chain.extrinsic;

import org.cgp.chain.internal.hash.Hashing;
import org.cgp.chain.internal.scale.Hex;

/** A signed extrinsic ready to submit: its bytes (with the length prefix) and the call it carries. */
public record SignedExtrinsic(Call call, String signer, long nonce, byte[] bytes) {
    public SignedExtrinsic {
        bytes = bytes.clone();
    }

    @Override public byte[] bytes() { return bytes.clone(); }

    public String hex() { return Hex.prefixed(bytes); }

    /** The transaction hash, blake2b-256 of the encoded extrinsic. */
    public String hash() { return Hex.prefixed(Hashing.blake2b256(bytes)); }
}
