package org.cgp.chain.tle;

/** A timelock ciphertext that cannot be read, or that the given round signature does not open. */
public final class TimelockException extends RuntimeException {
    public TimelockException(String message) { super(message); }
}
