package org.cgp.protocol.axon;

/**
 * Thrown by a forward function that cannot answer a well-formed request (an unknown task type, a
 * task it cannot mine, nothing usable to answer): the axon answers {@code status} with the message,
 * which must be safe to show the caller (no secrets, no unbounded request text). A 500 reads
 * {@code Internal Server Error #<id>: <message>}, as the axon's other 500s do.
 */
public final class ForwardRefusedException extends RuntimeException {
    private final int status;

    public ForwardRefusedException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) throw new IllegalArgumentException("status must be 4xx or 5xx, got " + status);
        this.status = status;
    }

    /** A 500, the status a live Python miner answers for every task it cannot mine. */
    public static ForwardRefusedException internal(String message) {
        return new ForwardRefusedException(500, message);
    }

    public int status() { return status; }
}
