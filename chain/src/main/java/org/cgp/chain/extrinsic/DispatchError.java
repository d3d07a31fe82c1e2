package org.cgp.chain.extrinsic;

/**
 * Why a call failed on chain, as the runtime names it: a module error is its pallet and error
 * ({@code SubtensorModule}, {@code SettingWeightsTooFast}); any other {@code DispatchError} variant
 * has no pallet and its variant path as the error ({@code BadOrigin}, {@code Token.FundsUnavailable}).
 */
public record DispatchError(String pallet, String error) {
    public DispatchError {
        if (error == null || error.isEmpty()) throw new IllegalArgumentException("a dispatch error needs a name");
    }

    /** A module error of {@code pallet}. */
    public static DispatchError module(String pallet, String error) {
        return new DispatchError(pallet, error);
    }

    /** A dispatch error that is not a module error (no pallet). */
    public static DispatchError other(String variantPath) {
        return new DispatchError(null, variantPath);
    }

    public boolean isModuleError() { return pallet != null; }

    /** {@code Pallet.Error} for a module error, else the variant path. */
    @Override public String toString() {
        return pallet == null ? error : pallet + "." + error;
    }
}
