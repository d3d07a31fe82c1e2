package org.cgp.protocol.axon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.wire.NonceClock;
import org.cgp.protocol.wire.SynapseWireSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Bittensor axon on Netty (HTTP/1.1, keep-alive): serves {@code POST /<SynapseName>} for each
 * attached synapse through the bittensor axon's middleware pipeline (the handlers this module's README lists),
 * plus the built-in {@code Synapse} ping. Forward functions run on a bounded priority worker pool.
 */
public final class AxonServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AxonServer.class);

    /** Whether {@code host} binds every address (the start-up line then names no address at all, so no miner IP reaches a log). */
    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }
    /** The Python SDK's default axon port. */
    /** The axon's defaults, read by the miner's configuration too (one place for each). */
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8091;
    public static final int DEFAULT_MAX_QUEUED_FORWARDS = 256;
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** Request header block limit (uvicorn/h11 allow about 16 KiB). */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** How long a connection may sit between requests (and before its first byte): uvicorn's keep-alive. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(10);
    /** Request-body bytes one address may have on their way in at once: four bodies at the default limit. */
    public static final long DEFAULT_MAX_BODY_BYTES_IN_FLIGHT_PER_ADDRESS = 4L * DEFAULT_MAX_BODY_BYTES;
    public static final int DEFAULT_MAX_CONNECTIONS = 2048;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;

    private final String hotkey;
    private final Channel channel;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final PriorityWorkerPool pool;
    private final AxonPipeline pipeline;

    private AxonServer(String hotkey, Channel channel, EventLoopGroup boss, EventLoopGroup workers,
                       PriorityWorkerPool pool, AxonPipeline pipeline) {
        this.hotkey = hotkey;
        this.channel = channel;
        this.boss = boss;
        this.workers = workers;
        this.pool = pool;
        this.pipeline = pipeline;
    }

    public static Builder builder(Keypair hotkey) { return new Builder(hotkey); }

    /** The port actually bound (useful with port 0). */
    public int port() { return ((InetSocketAddress) channel.localAddress()).getPort(); }

    /** The SS58 address of the hotkey this axon answers for and signs with. */
    public String hotkey() { return hotkey; }

    /** Requests waiting for a forward worker right now. */
    public int queuedForwards() { return pool.queued(); }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        pool.close();
        pipeline.close();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        boss.terminationFuture().awaitUninterruptibly();
        log.info("Axon {} stopped", hotkey);
    }

    public static final class Builder {
        private final Keypair keypair;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Blacklist blacklist = Blacklist.NONE;
        private Priority priority = Priority.FLAT;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration forwardTimeout = Duration.ofMillis((long) (org.cgp.protocol.synapse.CgSynapse.DEFAULT_TIMEOUT_SECONDS * 1000));
        private int maxConcurrentForwards = 10;
        private int maxQueuedForwards = DEFAULT_MAX_QUEUED_FORWARDS;
        private int ioThreads = 0;
        private boolean allowLegacyNonces;
        private boolean signResponses;
        private AxonObserver observer = AxonObserver.NONE;
        private Duration requestDeadline = DEFAULT_REQUEST_DEADLINE;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private long maxBodyBytesInFlightPerAddress = DEFAULT_MAX_BODY_BYTES_IN_FLIGHT_PER_ADDRESS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private final Map<String, Route<?>> routes = new LinkedHashMap<>();

        private Builder(Keypair keypair) {
            this.keypair = Objects.requireNonNull(keypair, "hotkey");
            routes.put("Synapse", new Route<>("Synapse", ObjectNode.class, SynapseWireSpec.NONE, request -> request));
        }

        public Builder host(String host) { this.host = Objects.requireNonNull(host); return this; }

        public Builder port(int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
            this.port = port;
            return this;
        }

        public Builder blacklist(Blacklist blacklist) { this.blacklist = Objects.requireNonNull(blacklist); return this; }

        public Builder priority(Priority priority) { this.priority = Objects.requireNonNull(priority); return this; }

        /** Largest accepted request body (default 1 MiB); a bigger one gets 413. */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1) throw new IllegalArgumentException("maxBodyBytes must be >= 1");
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Upper bound on a forward's time (default 12 s); the request's own {@code timeout} may be shorter. */
        public Builder forwardTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("forwardTimeout must be > 0");
            this.forwardTimeout = timeout;
            return this;
        }

        /** Worker threads running forward functions (default 10, the Python {@code max_workers}). */
        public Builder maxConcurrentForwards(int n) {
            if (n < 1) throw new IllegalArgumentException("maxConcurrentForwards must be >= 1");
            this.maxConcurrentForwards = n;
            return this;
        }

        /** Requests that may wait for a worker (default 256); beyond it the lowest priority is refused (503). */
        public Builder maxQueuedForwards(int n) {
            if (n < 1) throw new IllegalArgumentException("maxQueuedForwards must be >= 1");
            this.maxQueuedForwards = n;
            return this;
        }

        /**
         * Accept dendrites older than 7.2.0, whose nonces carry no time (default: refused, since
         * their unsigned version header lets a captured request be replayed).
         */
        public Builder allowLegacyNonces(boolean allow) { this.allowLegacyNonces = allow; return this; }

        /**
         * Stamps every response with the axon's nonce, uuid and sr25519 signature (default off). A
         * bittensor 9 axon's successes carry none of them and no dendrite verifies one; turn it on
         * only for a client that checks them.
         */
        public Builder signResponses(boolean sign) { this.signResponses = sign; return this; }

        /** Told of every response (status, time taken): the miner's metrics. */
        public Builder observer(AxonObserver observer) { this.observer = Objects.requireNonNull(observer); return this; }

        /** A whole request (head and body) must arrive within this from its first byte (default 10 s), or the connection closes. */
        /** How long a connection may sit before its first request or between requests before it is closed. */
        public Builder idleTimeout(Duration d) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("idleTimeout must be > 0");
            this.idleTimeout = d;
            return this;
        }

        /** Request-body bytes one remote address may have on their way in at once (at least one body). */
        public Builder maxBodyBytesInFlightPerAddress(long n) {
            if (n < 1) throw new IllegalArgumentException("maxBodyBytesInFlightPerAddress must be >= 1");
            this.maxBodyBytesInFlightPerAddress = n;
            return this;
        }

        public Builder requestDeadline(Duration d) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("requestDeadline must be > 0");
            this.requestDeadline = d;
            return this;
        }

        /** Open connections at most, overall and from one remote address (defaults 2048 and 64); beyond them: 503 and close. */
        public Builder maxConnections(int total, int perAddress) {
            if (total < 1 || perAddress < 1) throw new IllegalArgumentException("connection caps must be >= 1");
            this.maxConnections = total;
            this.maxConnectionsPerAddress = perAddress;
            return this;
        }

        /** Netty I/O threads (default: Netty's, twice the cores). */
        public Builder ioThreads(int n) {
            if (n < 0) throw new IllegalArgumentException("ioThreads must be >= 0");
            this.ioThreads = n;
            return this;
        }

        /** Serves {@code synapseName} with {@code handler}, the wire spec taken from {@link SynapseWireSpec#forType}. */
        public <T> Builder attach(String synapseName, Class<T> type, SynapseHandler<T> handler) {
            return attach(synapseName, type, SynapseWireSpec.forType(type), handler);
        }

        public <T> Builder attach(String synapseName, Class<T> type, SynapseWireSpec spec, SynapseHandler<T> handler) {
            if (synapseName == null || synapseName.isEmpty() || synapseName.contains("/")) {
                throw new IllegalArgumentException("synapse name must be a non-empty path segment");
            }
            routes.put(synapseName, new Route<>(synapseName, Objects.requireNonNull(type),
                    Objects.requireNonNull(spec), Objects.requireNonNull(handler)));
            return this;
        }

        public AxonServer start() throws InterruptedException {
            String hotkey = keypair.ss58Address();
            PriorityWorkerPool pool = new PriorityWorkerPool(maxConcurrentForwards, maxQueuedForwards, "axon-forward");
            AxonObserver seen = AxonObserver.safe(observer);
            AxonPipeline pipeline = new AxonPipeline(
                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(routes)), keypair, hotkey, new NonceClock(),
                    blacklist, priority, pool, forwardTimeout, allowLegacyNonces, signResponses, seen);
            EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            EventLoopGroup workers = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
            int bodyLimit = maxBodyBytes;
            ConnectionLimiter limiter = new ConnectionLimiter(maxConnections, maxConnectionsPerAddress, seen);
            long deadlineNanos = requestDeadline.toNanos();
            long idleNanos = idleTimeout.toNanos();
            BodyBudget budget = new BodyBudget(Math.max(maxBodyBytesInFlightPerAddress, bodyLimit));
            try {
                Channel ch = new ServerBootstrap()
                        .group(boss, workers)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel c) {
                                c.pipeline()
                                        .addLast("limit", limiter)
                                        .addLast("deadline", new RequestDeadline(deadlineNanos, idleNanos))
                                        .addLast("http", new HttpServerCodec(4096, MAX_HEADER_BYTES, 8192))
                                        .addLast("head", new HeadGate(pipeline, budget, bodyLimit))
                                        .addLast("aggregate", new BodyLimitAggregator(bodyLimit, seen))
                                        .addLast("axon", new AxonRequestHandler(pipeline));
                            }
                        })
                        .bind(host, port).sync().channel();
                AxonServer server = new AxonServer(hotkey, ch, boss, workers, pool, pipeline);
                log.info("Axon serving {} on port {}{} as hotkey {}", routes.keySet(), server.port(), isWildcard(host) ? " (every address)" : "", hotkey);
                return server;
            } catch (Exception e) {
                pool.close();
                pipeline.close();
                boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                if (e instanceof InterruptedException ie) throw ie;
                throw new IllegalStateException("Axon could not listen on " + host + ":" + port + ": " + e, e);
            }
        }
    }
}
