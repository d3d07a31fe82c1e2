package org.cgp.chain.extrinsic;

import org.cgp.chain.internal.scale.Hex;

/** An encoded runtime call ({@code pallet_index ‖ call_index ‖ args}) and its name for messages. */
public record Call(String pallet, String name, byte[] encoded) {
    public Call {
        encoded = encoded.clone();
    }

    @Override public byte[] encoded() { return encoded.clone(); }

    public String qualifiedName() { return pallet + "." + name; }

    @Override public String toString() { return qualifiedName() + "(0x" + Hex.encode(encoded) + ")"; }
}
