package org.cgp.chain.extrinsic;

import org.cgp.chain.ChainException;

/**
 * The node's transaction pool refused an extrinsic before inclusion with one of subtensor's custom
 * codes ({@code 1010 Invalid Custom(N)}); {@link #code()} is N and {@link #name()} its name where
 * known. Nothing was included, so the same call can be sent again once the cause is gone.
 */
public class PoolRejectedException extends ChainException {
    /** {@code set_weights} before {@code LastUpdate + WeightsSetRateLimit} (spec 419 on): wait, do not treat as a failure. */
    public static final int RATE_LIMIT = 6;

    private final int code;
    private final String name;

    public PoolRejectedException(String message, int code, String name, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.name = name;
    }

    public int code() { return code; }

    /** The code's name, or {@code "custom N"} for one this client does not know. */
    public String name() { return name; }

    /** Whether the weights rate limit refused it: the caller waits for the limit to pass. */
    public boolean isRateLimit() { return code == RATE_LIMIT; }
}
