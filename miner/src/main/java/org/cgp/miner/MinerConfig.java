package org.cgp.miner;

import java.time.Duration;
import java.util.Objects;
import org.cgp.chain.MetagraphCache;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.TagCleaner;
import org.cgp.protocol.axon.AxonServer;
import org.cgp.protocol.commitment.CommitmentKeys;

/**
 * How a miner runs. Every default lives here, in {@link Builder}; the CLI and the local round start
 * from {@link #builder(int)} and set only what they change. {@code externalIp}/{@code externalPort}
 * are what it announces on chain (null: the bind address and port). With a {@code commitmentKey}
 * the endpoint is also published as a sealed commitment, and once the chain holds it the metagraph
 * gets the placeholder address instead (unless {@code keepRealAxon}).
 *
 * @param maxConcurrentForwards tasks mined at once (the axon's worker threads)
 * @param maxQueuedForwards     requests that may wait for a worker; beyond it the lowest priority gets 503
 * @param embeddings            attach tag vectors to task answers (live validators re-embed and ignore
 *                              them); seed-packet answers always carry vectors
 */
public record MinerConfig(int netuid, String axonHost, int axonPort, String externalIp, Integer externalPort,
                          boolean allowNonRegistered, boolean forceValidatorPermit, double minStake, int maxBodyBytes,
                          int maxLines, int maxLineChars, int maxConcurrentForwards, int maxQueuedForwards,
                          Duration forwardTimeout, boolean embeddings, Duration metagraphRefresh, boolean serveAxon,
                          int maxTags, byte[] commitmentKey, String placeholderIp, int placeholderPort, boolean keepRealAxon,
                          Duration commitmentRetry) {
    public static final String DEFAULT_HOST = AxonServer.DEFAULT_HOST;
    public static final int DEFAULT_PORT = AxonServer.DEFAULT_PORT;
    public static final int DEFAULT_MAX_BODY_BYTES = AxonServer.DEFAULT_MAX_BODY_BYTES;
    public static final int DEFAULT_MAX_LINES = 200;
    public static final int DEFAULT_MAX_LINE_CHARS = 20_000;
    public static final int DEFAULT_MAX_QUEUED_FORWARDS = AxonServer.DEFAULT_MAX_QUEUED_FORWARDS;
    /** Forwards at once with a remote LLM: each mostly waits on HTTP, and live validators wait 12 s. */
    public static final int DEFAULT_REMOTE_FORWARDS = 32;
    public static final Duration DEFAULT_FORWARD_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_METAGRAPH_REFRESH = MetagraphCache.DEFAULT_REFRESH;
    /**
     * What a miner whose commitment is confirmed puts in the public metagraph instead of its address,
     * as the live miners do: 192.0.2.1 (TEST-NET-1, RFC 5737) port 1234.
     */
    public static final String DEFAULT_PLACEHOLDER_IP = "192.0.2.1";
    public static final int DEFAULT_PLACEHOLDER_PORT = 1234;
    /** The first wait after a failed commitment publish; it doubles up to 10 minutes. */
    public static final Duration DEFAULT_COMMITMENT_RETRY = Duration.ofSeconds(30);

    public MinerConfig {
        Objects.requireNonNull(axonHost, "axonHost");
        if (axonPort < 0 || axonPort > 65535) throw new IllegalArgumentException("--axon.port must be 0-65535, got " + axonPort);
        if (!(minStake >= 0) || Double.isInfinite(minStake)) {
            throw new IllegalArgumentException("--blacklist.min_stake must be a finite number >= 0, got " + minStake);
        }
        if (maxBodyBytes < 1024) throw new IllegalArgumentException("--axon.max_body_bytes must be >= 1024, got " + maxBodyBytes);
        if (maxLines < 1) throw new IllegalArgumentException("--miner.max_lines must be >= 1, got " + maxLines);
        if (maxLineChars < 1) throw new IllegalArgumentException("--miner.max_line_chars must be >= 1, got " + maxLineChars);
        if (maxConcurrentForwards < 1) throw new IllegalArgumentException("--miner.max_concurrent_forwards must be >= 1, got " + maxConcurrentForwards);
        if (maxQueuedForwards < 1) throw new IllegalArgumentException("--miner.max_queued_forwards must be >= 1, got " + maxQueuedForwards);
        if (commitmentKey != null && commitmentKey.length != 32) throw new IllegalArgumentException("the commitment public key must have 32 bytes");
        if (placeholderPort < 1 || placeholderPort > 65535) throw new IllegalArgumentException("--commitment.placeholder_axon port must be 1-65535");
        Objects.requireNonNull(placeholderIp, "placeholderIp");
        Objects.requireNonNull(commitmentRetry, "commitmentRetry");
        if (maxTags < 1 || maxTags > TagCleaner.MAX_TAGS) {
            throw new IllegalArgumentException("--miner.max_tags must be 1-" + TagCleaner.MAX_TAGS + ", got " + maxTags);
        }
    }

    /**
     * Forwards at once by default for an LLM provider: the offline tagger is CPU-bound, so one per
     * core; a remote provider waits on the network, so {@link #DEFAULT_REMOTE_FORWARDS}.
     */
    public static int defaultForwards(String llmType) {
        return LlmConfig.OFFLINE.equals(llmType) ? Math.max(2, Runtime.getRuntime().availableProcessors()) : DEFAULT_REMOTE_FORWARDS;
    }

    public static Builder builder(int netuid) { return new Builder(netuid); }

    /** A loopback miner for local rounds and tests: ephemeral port, registered callers with a validator permit. */
    public static MinerConfig local(int netuid) {
        return builder(netuid).axonHost("127.0.0.1").axonPort(0).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(netuid);
        b.axonHost = axonHost; b.axonPort = axonPort; b.externalIp = externalIp; b.externalPort = externalPort;
        b.allowNonRegistered = allowNonRegistered; b.forceValidatorPermit = forceValidatorPermit; b.minStake = minStake;
        b.maxBodyBytes = maxBodyBytes; b.maxLines = maxLines; b.maxLineChars = maxLineChars;
        b.maxConcurrentForwards = maxConcurrentForwards; b.maxQueuedForwards = maxQueuedForwards;
        b.forwardTimeout = forwardTimeout; b.embeddings = embeddings; b.metagraphRefresh = metagraphRefresh;
        b.serveAxon = serveAxon; b.maxTags = maxTags;
        b.commitmentKey = commitmentKey; b.placeholderIp = placeholderIp; b.placeholderPort = placeholderPort;
        b.keepRealAxon = keepRealAxon; b.commitmentRetry = commitmentRetry;
        return b;
    }

    public MinerConfig withMaxTags(int n) { return toBuilder().maxTags(n).build(); }

    /** The defaults, changed one knob at a time. */
    public static final class Builder {
        private final int netuid;
        private String axonHost = DEFAULT_HOST;
        private int axonPort = DEFAULT_PORT;
        private String externalIp;
        private Integer externalPort;
        private boolean allowNonRegistered;
        private boolean forceValidatorPermit = true;
        private double minStake;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxLines = DEFAULT_MAX_LINES;
        private int maxLineChars = DEFAULT_MAX_LINE_CHARS;
        private int maxConcurrentForwards = defaultForwards(LlmConfig.OFFLINE);
        private int maxQueuedForwards = DEFAULT_MAX_QUEUED_FORWARDS;
        private Duration forwardTimeout = DEFAULT_FORWARD_TIMEOUT;
        private boolean embeddings;
        private Duration metagraphRefresh = DEFAULT_METAGRAPH_REFRESH;
        private boolean serveAxon = true;
        private int maxTags = TagCleaner.MAX_TAGS;
        private byte[] commitmentKey;
        private String placeholderIp = DEFAULT_PLACEHOLDER_IP;
        private int placeholderPort = DEFAULT_PLACEHOLDER_PORT;
        private boolean keepRealAxon;
        private Duration commitmentRetry = DEFAULT_COMMITMENT_RETRY;

        private Builder(int netuid) {
            this.netuid = netuid;
            this.commitmentKey = CommitmentKeys.builtIn(netuid).orElse(null);
        }

        public Builder axonHost(String v) { axonHost = v; return this; }
        public Builder axonPort(int v) { axonPort = v; return this; }
        public Builder externalIp(String v) { externalIp = v; return this; }
        public Builder externalPort(Integer v) { externalPort = v; return this; }
        public Builder allowNonRegistered(boolean v) { allowNonRegistered = v; return this; }
        public Builder forceValidatorPermit(boolean v) { forceValidatorPermit = v; return this; }
        public Builder minStake(double v) { minStake = v; return this; }
        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }
        public Builder maxLines(int v) { maxLines = v; return this; }
        public Builder maxLineChars(int v) { maxLineChars = v; return this; }
        public Builder maxConcurrentForwards(int v) { maxConcurrentForwards = v; return this; }
        public Builder maxQueuedForwards(int v) { maxQueuedForwards = v; return this; }
        public Builder forwardTimeout(Duration v) { forwardTimeout = v; return this; }
        public Builder embeddings(boolean v) { embeddings = v; return this; }
        public Builder metagraphRefresh(Duration v) { metagraphRefresh = v; return this; }
        public Builder serveAxon(boolean v) { serveAxon = v; return this; }
        public Builder maxTags(int v) { maxTags = v; return this; }
        /** The subnet's X25519 key to seal the endpoint to; null: no commitment (the built-in key of 33 and 138 by default). */
        public Builder commitmentKey(byte[] v) { commitmentKey = v == null ? null : v.clone(); return this; }
        /** Where the metagraph points once the commitment is confirmed (192.0.2.1:1234 by default; a closed loopback port in tests). */
        public Builder placeholderAxon(String ip, int port) { placeholderIp = ip; placeholderPort = port; return this; }
        /** Keep the real address in the metagraph even with a confirmed commitment (reachable by validators without the key). */
        public Builder keepRealAxon(boolean v) { keepRealAxon = v; return this; }
        public Builder commitmentRetry(Duration v) { commitmentRetry = v; return this; }

        public MinerConfig build() {
            return new MinerConfig(netuid, axonHost, axonPort, externalIp, externalPort, allowNonRegistered, forceValidatorPermit,
                    minStake, maxBodyBytes, maxLines, maxLineChars, maxConcurrentForwards, maxQueuedForwards, forwardTimeout,
                    embeddings, metagraphRefresh, serveAxon, maxTags, commitmentKey, placeholderIp, placeholderPort, keepRealAxon,
                    commitmentRetry);
        }
    }
}
