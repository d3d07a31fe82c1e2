package org.cgp.miner;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cgp.chain.Chain;
import org.cgp.chain.MetagraphCache;
import org.cgp.chain.Neuron;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.axon.AxonServer;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running miner: the metagraph cache, the axon serving {@code CgSynapse} through the
 * {@link TaskMiner}, and its announcement on chain (a sealed endpoint commitment where the subnet
 * has a commitment key, then serve_axon).
 */
public final class Miner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Miner.class);

    private final MetagraphCache metagraph;
    private final AxonServer axon;
    private final Keypair hotkey;
    private final MinerMetrics metrics;
    private final Chain chain;
    private final MinerConfig config;
    private final ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "axon-announce");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean warnedUnregistered;
    private final EndpointPublisher publisher;

    private Miner(MetagraphCache metagraph, AxonServer axon, Keypair hotkey, MinerMetrics metrics, Chain chain, MinerConfig config) {
        this.publisher = config.commitmentKey() == null ? null
                : new EndpointPublisher(chain, hotkey, config.netuid(), config.commitmentKey(), config.commitmentRetry(), System::nanoTime);
        this.metagraph = metagraph;
        this.axon = axon;
        this.hotkey = hotkey;
        this.metrics = metrics;
        this.chain = chain;
        this.config = config;
    }

    /**
     * Loads the LLM client's in-process model while the axon starts and the first validator is
     * still on its way, instead of on the first request (which waits for it if it comes first).
     */
    private static void warmUpInBackground(LlmClient llm) {
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            try {
                llm.warmUp();
                log.debug("LLM {} warmed up in {} ms", llm.provider(), (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException | Error e) { // an OutOfMemoryError too: the first request loads it again
                log.warn("Warming up the LLM {} failed ({}); the first request will load it", llm.provider(), e.toString());
            }
        }, "llm-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Starts the axon and announces it; then checks on every metagraph refresh that the chain still
     * holds this axon's address (a hotkey registered later, or a serve_axon that failed, is
     * announced then). The LLM client and embedder are shared, not closed here.
     */
    public static Miner start(MinerConfig config, Keypair hotkey, Chain chain, LlmClient llm, Embedder embedder)
            throws InterruptedException {
        return start(config, hotkey, chain, llm, embedder, new SimpleMeterRegistry());
    }

    /** As {@link #start(MinerConfig, Keypair, Chain, LlmClient, Embedder)}, metering into {@code registry}. */
    public static Miner start(MinerConfig config, Keypair hotkey, Chain chain, LlmClient llm, Embedder embedder,
                              MeterRegistry registry) throws InterruptedException {
        MetagraphCache metagraph = new MetagraphCache(chain, config.netuid(), config.metagraphRefresh());
        if (config.allowNonRegistered()) {
            log.warn("Allowing non-registered entities to call this miner: a security risk outside development");
        }
        if (!config.forceValidatorPermit()) log.warn("Allowing non-validators to call this miner");
        MinerBlacklist access = new MinerBlacklist(metagraph, config.allowNonRegistered(), config.forceValidatorPermit(), config.minStake());
        MinerMetrics metrics = new MinerMetrics(hotkey.ss58Address());
        metrics.bindTo(registry);
        TaskMiner tagger = new TaskMiner(llm, embedder, config);
        warmUpInBackground(llm);
        AxonServer axon;
        try {
            axon = AxonServer.builder(hotkey)
                    .host(config.axonHost()).port(config.axonPort())
                    .blacklist(access).priority(access)
                    .maxBodyBytes(config.maxBodyBytes()).forwardTimeout(config.forwardTimeout())
                    .maxConcurrentForwards(config.maxConcurrentForwards())
                    .maxQueuedForwards(config.maxQueuedForwards())
                    .attach(CgSynapse.NAME, CgSynapse.class, metrics.meter(tagger))
                    .observer(metrics.axonObserver())
                    .start();
        } catch (InterruptedException | RuntimeException e) { // the port is taken, say: the cache's thread stops with the start
            metagraph.close();
            throw e;
        }
        metrics.queueDepth(axon::queuedForwards);
        Miner miner = new Miner(metagraph, axon, hotkey, metrics, chain, config);
        log.info("Miner {} serving CgSynapse on port {} (netuid {}, LLM {} / {}, {} forwards at once, {} queued at most)",
                hotkey.ss58Address(), axon.port(), config.netuid(), llm.provider(), llm.model(),
                config.maxConcurrentForwards(), config.maxQueuedForwards());
        if (config.serveAxon()) {
            if (config.commitmentKey() == null) log.info("No endpoint commitment on netuid {} (no commitment key): the metagraph holds this miner's address", config.netuid());
            miner.announceIfNeeded();
            long every = Math.max(1000, config.commitmentKey() == null ? config.metagraphRefresh().toMillis()
                    : Math.min(config.metagraphRefresh().toMillis(), config.commitmentRetry().toMillis()));
            miner.announcer.scheduleWithFixedDelay(miner::announceIfNeeded, every, every, TimeUnit.MILLISECONDS);
        }
        return miner;
    }

    /**
     * Once this hotkey is registered: publishes the endpoint commitment where the subnet has a key
     * ({@link EndpointPublisher}), then sends serve_axon when the chain's address for it is not the
     * one it should show: the placeholder once the commitment is confirmed, the real address until
     * then (or always, with {@code keepRealAxon}).
     */
    void announceIfNeeded() {
        try {
            Optional<Neuron> self = metagraph.get().byHotkey(hotkey.ss58Address());
            if (self.isEmpty()) {
                if (!warnedUnregistered) {
                    log.warn("Hotkey {} is not registered on netuid {}; validators will not find this miner until it is",
                            hotkey.ss58Address(), config.netuid());
                    warnedUnregistered = true;
                }
                return;
            }
            String ip = config.externalIp() != null ? config.externalIp() : config.axonHost();
            if (ip.equals("0.0.0.0") || ip.equals("::") || ip.equals("[::]")) {
                if (!warnedUnregistered) {
                    log.warn("Not announcing the axon: it binds {} and no --axon.external_ip was given", ip);
                    warnedUnregistered = true;
                }
                return;
            }
            int port = config.externalPort() != null ? config.externalPort() : axon.port();
            boolean committed = publisher != null && publisher.ensure(ip, port);
            boolean placeholder = committed && !config.keepRealAxon();
            AxonInfo target = placeholder ? new AxonInfo(config.placeholderIp(), config.placeholderPort(), hotkey.ss58Address())
                    : new AxonInfo(ip, port, hotkey.ss58Address());
            AxonInfo onChain = self.get().axon();
            if (onChain != null && target.ip().equals(onChain.ip()) && target.port() == onChain.port()) return;
            chain.serveAxon(hotkey, config.netuid(), target);
            if (placeholder) {
                log.info("Serving the placeholder axon in the metagraph of netuid {}: validators reach this miner through its commitment", config.netuid());
            } else {
                log.info("Announced the axon (port {}) on netuid {}", port, config.netuid());
            }
            metagraph.refresh();
        } catch (RuntimeException e) {
            log.error("serve_axon failed ({}); serving anyway, will try again at the next metagraph refresh", e.getMessage());
        }
    }

    public int port() { return axon.port(); }

    public MinerMetrics metrics() { return metrics; }

    public String hotkey() { return hotkey.ss58Address(); }

    @Override public void close() {
        announcer.shutdownNow();
        axon.close();
        metagraph.close();
    }
}
