package org.cgp.validator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.cgp.chain.Chain;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.chain.StoredCommitment;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.commitment.CommitmentException;
import org.cgp.protocol.commitment.CommittedEndpoint;
import org.cgp.protocol.commitment.EndpointCommitment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each miner is reached, as the live validators decide it (CGP 2.37.74): the endpoint sealed
 * in its commitment when this validator holds the private key and the commitment opens for that
 * hotkey, else the metagraph axon. Commitments are read for the whole subnet in one pass (forced at
 * start, then at most every {@link #REFRESH_EVERY} at a metagraph sync), an entry whose block is
 * unchanged keeps its decryption, and one miner's is read again after an answer that failed (at
 * most every {@link #REFRESH_EVERY} per uid). A read that fails keeps what was known. Nothing here
 * logs an address or the key.
 */
public final class MinerEndpoints {
    private static final Logger log = LoggerFactory.getLogger(MinerEndpoints.class);
    /** The live debounce of both refreshes. */
    public static final Duration REFRESH_EVERY = Duration.ofMinutes(5);

    private record Entry(long block, CommittedEndpoint endpoint) {}

    private final Chain chain;
    private final int netuid;
    private final byte[] privateKey;
    private final LongSupplier nanos;
    private final Map<String, Entry> cache = new HashMap<>();
    private final Map<Integer, Long> uidRefreshedAt = new HashMap<>();
    private long allRefreshedAt;
    private boolean everRead;

    /** @param privateKey the validators' commitment key, or null: every miner at its metagraph axon */
    public MinerEndpoints(Chain chain, int netuid, byte[] privateKey) {
        this(chain, netuid, privateKey, System::nanoTime);
    }

    MinerEndpoints(Chain chain, int netuid, byte[] privateKey, LongSupplier nanos) {
        this.chain = chain;
        this.netuid = netuid;
        this.privateKey = privateKey == null ? null : privateKey.clone();
        this.nanos = nanos;
    }

    /** Every miner at its metagraph axon (no commitment key). */
    public static MinerEndpoints metagraphOnly() { return new MinerEndpoints(null, -1, null); }

    /** Whether commitments are read at all (a private key was given). */
    public boolean enabled() { return privateKey != null; }

    /**
     * Reads every commitment of the subnet and keeps those of {@code mg}'s hotkeys that open;
     * {@code force} skips the debounce (start-up). Entries of hotkeys that left are dropped.
     */
    public synchronized void refreshAll(Metagraph mg, boolean force) {
        if (privateKey == null) return;
        long now = nanos.getAsLong();
        if (!force && everRead && now - allRefreshedAt < REFRESH_EVERY.toNanos()) return;
        allRefreshedAt = now;
        everRead = true;
        Map<String, StoredCommitment> all;
        try {
            all = chain.commitments(netuid);
        } catch (RuntimeException e) {
            log.error("Reading the commitments of netuid {} failed ({}); keeping the {} endpoints known", netuid, e.getMessage(), cache.size());
            cache.keySet().retainAll(mg.hotkeys());
            return;
        }
        Map<String, Entry> next = new HashMap<>();
        int fresh = 0, reused = 0, refused = 0;
        for (Neuron n : mg.neurons()) {
            StoredCommitment c = all.get(n.hotkey());
            if (c == null || !c.hasRaw()) continue;
            Entry known = cache.get(n.hotkey());
            if (known != null && known.block() == c.block() && c.block() != 0) {
                next.put(n.hotkey(), known);
                reused++;
                continue;
            }
            Optional<CommittedEndpoint> e = open(n, c);
            if (e.isPresent()) {
                next.put(n.hotkey(), new Entry(c.block(), e.get()));
                fresh++;
            } else {
                refused++;
            }
        }
        cache.clear();
        cache.putAll(next);
        log.info("Commitments: {} new, {} cached, {} total{}", fresh, reused, fresh + reused, refused > 0 ? ", " + refused + " refused" : "");
    }

    /**
     * After a failed answer: reads {@code n}'s commitment again (at most every
     * {@link #REFRESH_EVERY} per uid). One that opens replaces the endpoint (kept with block 0, so
     * the next full read checks it again); a copied or malformed one removes it; an unreadable or
     * undecryptable one changes nothing.
     */
    public synchronized void refreshOne(Neuron n) {
        if (privateKey == null) return;
        long now = nanos.getAsLong();
        Long last = uidRefreshedAt.get(n.uid());
        if (last != null && now - last < REFRESH_EVERY.toNanos()) return;
        uidRefreshedAt.put(n.uid(), now);
        Optional<StoredCommitment> c;
        try {
            c = chain.commitment(netuid, n.hotkey());
        } catch (RuntimeException e) {
            log.debug("Could not refresh the commitment of uid {}: {}", n.uid(), e.getMessage());
            return;
        }
        if (c.isEmpty() || !c.get().hasRaw()) return;
        try {
            CommittedEndpoint e = EndpointCommitment.open(privateKey, c.get().raw(), n.hotkey());
            cache.put(n.hotkey(), new Entry(0, e));
            log.info("Refreshed the commitment of uid {} after a failed request", n.uid());
        } catch (CommitmentException e) {
            if (e.reason() == CommitmentException.Reason.UNDECRYPTABLE) {
                log.debug("Could not refresh the commitment of uid {}: {}", n.uid(), e.getMessage());
            } else {
                cache.remove(n.hotkey());
                log.warn("Rejected the commitment of uid {}: {}", n.uid(), e.getMessage());
            }
        }
    }

    /** Where to send {@code n}'s tasks: its committed endpoint, else its metagraph axon. */
    public synchronized AxonInfo axonFor(Neuron n) {
        Entry e = cache.get(n.hotkey());
        if (e == null) {
            log.debug("UID {}: using metagraph endpoint", n.uid());
            return n.axon();
        }
        log.debug("UID {}: using committed endpoint", n.uid());
        return new AxonInfo(e.endpoint().ip(), e.endpoint().port(), n.hotkey());
    }

    /** How many miners are reached through a commitment now. */
    public synchronized int committedCount() { return cache.size(); }

    private Optional<CommittedEndpoint> open(Neuron n, StoredCommitment c) {
        try {
            return Optional.of(EndpointCommitment.open(privateKey, c.raw(), n.hotkey()));
        } catch (CommitmentException e) {
            if (e.reason() == CommitmentException.Reason.HOTKEY_MISMATCH) log.warn("Rejected the commitment of uid {}: {}", n.uid(), e.getMessage());
            else log.debug("Could not open the commitment of uid {}: {}", n.uid(), e.getMessage());
            return Optional.empty();
        }
    }
}
