package org.cgp.miner;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.cgp.chain.Chain;
import org.cgp.chain.StoredCommitment;
import org.cgp.protocol.commitment.EndpointCommitment;
import org.cgp.protocol.keys.Keypair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this miner's endpoint on chain as a sealed commitment (CGP 2.37): {@code hotkey|ip:port}
 * sealed to the subnet's public key, published with {@code Commitments.set_commitment} and read
 * back; only a commitment the chain holds byte for byte counts as confirmed. A refused or failed
 * publish is retried after 30 s, doubling to 10 minutes, and logged as what it was. A confirmed
 * commitment is checked again on each call and published anew if the chain no longer holds it or
 * the endpoint changed. The address never reaches a log line.
 */
final class EndpointPublisher {
    private static final Logger log = LoggerFactory.getLogger(EndpointPublisher.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final Chain chain;
    private final Keypair hotkey;
    private final int netuid;
    private final byte[] publicKey;
    private final Duration firstBackoff;
    private final LongSupplier nanos;
    private String confirmedEndpoint;
    private byte[] confirmedRaw;
    private long nextAttempt = Long.MIN_VALUE;
    private int failures;

    EndpointPublisher(Chain chain, Keypair hotkey, int netuid, byte[] publicKey, Duration firstBackoff, LongSupplier nanos) {
        this.chain = chain;
        this.hotkey = hotkey;
        this.netuid = netuid;
        this.publicKey = publicKey.clone();
        this.firstBackoff = firstBackoff;
        this.nanos = nanos;
    }

    /** Whether the chain holds a commitment of {@code ip:port} now, publishing one when it may (not while backing off). */
    synchronized boolean ensure(String ip, int port) {
        String endpoint = ip + ":" + port;
        if (endpoint.equals(confirmedEndpoint)) {
            Optional<byte[]> held = held();
            if (held.isEmpty() || Arrays.equals(held.get(), confirmedRaw)) return true; // an unreadable chain: keep what was confirmed
            log.warn("The chain no longer holds this miner's endpoint commitment on netuid {}; publishing it again", netuid);
            confirmedEndpoint = null;
            nextAttempt = Long.MIN_VALUE;
        } else if (confirmedEndpoint != null) {
            log.info("The axon's endpoint changed; publishing a new endpoint commitment on netuid {}", netuid);
            confirmedEndpoint = null;
            nextAttempt = Long.MIN_VALUE;
        }
        if (nanos.getAsLong() < nextAttempt) return false;
        byte[] raw = EndpointCommitment.seal(publicKey, hotkey.ss58Address(), ip, port);
        try {
            chain.setCommitment(hotkey, netuid, raw);
        } catch (RuntimeException e) {
            backOff("the chain refused it: " + e.getMessage());
            return false;
        }
        Optional<StoredCommitment> back;
        try {
            back = chain.commitment(netuid, hotkey.ss58Address());
        } catch (RuntimeException e) {
            backOff("it was sent, but reading it back failed: " + e.getMessage());
            return false;
        }
        if (back.isEmpty() || !Arrays.equals(back.get().raw(), raw)) {
            backOff("it was sent, but the chain holds " + (back.isEmpty() ? "no commitment" : "other bytes") + " for this hotkey");
            return false;
        }
        confirmedEndpoint = endpoint;
        confirmedRaw = raw;
        failures = 0;
        nextAttempt = Long.MIN_VALUE;
        log.info("Published the endpoint commitment on netuid {} ({} bytes, block {}), read back from the chain; validators holding the "
                + "subnet's key reach this miner through it", netuid, raw.length, back.get().block());
        return true;
    }

    private Optional<byte[]> held() {
        try {
            return Optional.of(chain.commitment(netuid, hotkey.ss58Address()).map(StoredCommitment::raw).orElse(new byte[0]));
        } catch (RuntimeException e) {
            log.debug("Could not read back the endpoint commitment: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private void backOff(String why) {
        failures++;
        long wait = Math.min(MAX_BACKOFF.toNanos(), firstBackoff.toNanos() << Math.min(failures - 1, 20));
        nextAttempt = nanos.getAsLong() + wait;
        log.warn("The endpoint commitment on netuid {} is NOT published ({}); the real axon stays in the metagraph; trying again in {} s",
                netuid, why, wait / 1_000_000_000L);
    }
}
