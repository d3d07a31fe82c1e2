package org.cgp.chain.extrinsic;

import org.cgp.chain.ChainException;

/** An extrinsic was included but its call failed; {@link #error()} says why, e.g. {@code SubtensorModule.SettingWeightsTooFast}. */
public class DispatchException extends ChainException {
    private final DispatchError error;
    private final String blockHash;

    public DispatchException(String call, DispatchError error, String blockHash) {
        super(call + " failed in block " + blockHash + ": " + error);
        this.error = error;
        this.blockHash = blockHash;
    }

    public DispatchError error() { return error; }

    /** {@code Pallet.Error} (or the variant path of a non-module error). */
    public String errorName() { return error.toString(); }

    /** The error without its pallet, e.g. {@code SettingWeightsTooFast}. */
    public String shortName() { return error.error(); }

    public String blockHash() { return blockHash; }
}
