package org.cgp.chain.extrinsic;

import org.cgp.chain.ChainException;

/**
 * The node refused an extrinsic before inclusion (its pool or its RPC): with one of subtensor's
 * custom codes ({@code 1010 Invalid Custom(N)}) {@link #code()} is N and {@link #name()} its name
 * where known; otherwise the code is -1 and the name the node's message (a stale nonce, a bad
 * signature...). Nothing was admitted, so nothing of it can land later.
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

    /** The custom code, or -1 when the refusal carried none. */
    public int code() { return code; }

    /** The code's name ({@code "custom N"} for one this client does not know), or the node's message. */
    public String name() { return name; }

    /** Whether the weights rate limit refused it: the caller waits for the limit to pass. */
    public boolean isRateLimit() { return code == RATE_LIMIT; }
}
