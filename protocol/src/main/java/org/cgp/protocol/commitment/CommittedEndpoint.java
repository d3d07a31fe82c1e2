package org.cgp.protocol.commitment;

/**
 * The endpoint a miner sealed into its commitment. {@link #toString()} names the port only: a
 * miner's address never reaches a log line by accident; {@link #address()} gives it where it is
 * needed (a dial, {@code ./cgp commitment open}).
 */
public record CommittedEndpoint(String ip, int port) {
    /** {@code ip:port}, as the commitment holds it. */
    public String address() { return ip + ":" + port; }

    @Override public String toString() { return "endpoint [redacted]:" + port; }
}
