package org.cgp.chain;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest metagraph of one netuid, refreshed in the background. The first read happens in the
 * constructor (so start-up fails loudly on a bad chain); later failures are logged and the last
 * good snapshot is kept, so a chain hiccup never stops a daemon.
 */
public final class MetagraphCache implements Supplier<Metagraph>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetagraphCache.class);
    /** How often both daemons read the metagraph again unless told otherwise. */
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);

    private final Chain chain;
    private final int netuid;
    private final ScheduledExecutorService refresher;
    private volatile Metagraph current;

    public MetagraphCache(Chain chain, int netuid, Duration refreshEvery) {
        this.chain = chain;
        this.netuid = netuid;
        this.current = chain.metagraph(netuid);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metagraph-refresh");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1000, refreshEvery.toMillis());
        refresher.scheduleWithFixedDelay(this::refreshQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override public Metagraph get() { return current; }

    /** Reads the metagraph now; throws if the chain cannot be read. */
    public Metagraph refresh() {
        Metagraph m = chain.metagraph(netuid);
        if (m.n() != current.n()) log.info("Metagraph of netuid {} now has {} uids (was {})", netuid, m.n(), current.n());
        current = m;
        return m;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Metagraph refresh failed ({}); keeping the snapshot of block {}", e.getMessage(), current.block());
        }
    }

    @Override public void close() { refresher.shutdownNow(); }
}
