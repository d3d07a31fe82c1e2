package org.cgp.protocol.wire;

/** The Bittensor SDK version this implementation mirrors on the wire, as {@code major*10^6 + minor*10^3 + patch}. */
public final class ProtocolVersion {
    /** bittensor 10.3.0, what the live neurons pin (CGP 2.37.74). */
    public static final long INT = 10_003_000L;
    /** From 7.2.0 on, dendrites send wall-clock nonces and the axon checks their age. */
    public static final long WALL_CLOCK_NONCES = 7_002_000L;

    private ProtocolVersion() {}
}
