package org.cgp.protocol.axon;

/**
 * Told of every response the axon writes: its HTTP status and how long the request took from
 * being read to the response being handed to the socket. Called on an event loop or a forward
 * worker, so it must be quick; whatever it throws is logged and ignored. The miner's metrics are
 * one; {@link #NONE} is the default.
 */
@FunctionalInterface
public interface AxonObserver {
    AxonObserver NONE = (status, nanos) -> {};

    void responded(int status, long nanos);

    /** {@code o}, with whatever it throws logged and ignored: an observer never costs a response. */
    static AxonObserver safe(AxonObserver o) {
        return (status, nanos) -> {
            try {
                o.responded(status, nanos);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AxonObserver.class).warn("Axon observer failed: {}", e.toString());
            }
        };
    }
}
