package org.cgp.protocol.axon;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many request-body bytes one remote address may have on their way in at once (declared, or
 * the body limit when undeclared), so a flood of large bodies from one address holds a bounded
 * part of the axon's direct memory and other addresses are still read. Shared by all connections
 * of one axon; thread-safe.
 */
final class BodyBudget {
    private final long perAddress;
    private final ConcurrentHashMap<InetAddress, AtomicLong> inFlight = new ConcurrentHashMap<>();

    BodyBudget(long perAddress) { this.perAddress = perAddress; }

    /** Takes {@code bytes} for {@code address}; false (nothing taken) when that would pass its budget. */
    boolean reserve(InetAddress address, long bytes) {
        if (address == null || bytes <= 0) return true;
        AtomicLong used = inFlight.computeIfAbsent(address, a -> new AtomicLong());
        long after = used.addAndGet(bytes);
        if (after > perAddress && after != bytes) { // one body alone always fits (the body limit bounds it)
            release(address, bytes);
            return false;
        }
        return true;
    }

    void release(InetAddress address, long bytes) {
        if (address == null || bytes <= 0) return;
        inFlight.computeIfPresent(address, (a, used) -> used.addAndGet(-bytes) <= 0 ? null : used);
    }

    /** Bytes reserved by {@code address} now (tests). */
    long inFlight(InetAddress address) {
        AtomicLong used = inFlight.get(address);
        return used == null ? 0 : used.get();
    }
}
