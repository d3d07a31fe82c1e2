package org.cgp.validator.store;

/**
 * A store that cannot be used: unreachable, from a newer cgp-java, unreadable or unwritable. The
 * message is one line naming the store (its password left out) and the problem.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
