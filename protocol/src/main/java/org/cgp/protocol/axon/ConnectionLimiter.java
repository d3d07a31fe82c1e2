package org.cgp.protocol.axon;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code maxTotal} open connections, and {@code maxPerAddress} from one remote address. A
 * connection over either cap is answered {@code 503} with a short JSON message and closed at once,
 * so a flood from one address costs the other callers nothing, and the process never runs out of
 * file descriptors. Shared by all connections of one axon; thread-safe.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);
    private static final AttributeKey<Counted> COUNTED = AttributeKey.valueOf("cgp.axon.counted");

    /** That a connection was counted, and under which address (null when it has none). */
    private record Counted(InetAddress address) {}

    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    private final AxonObserver observer;

    ConnectionLimiter(int maxTotal, int maxPerAddress, AxonObserver observer) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.observer = observer;
    }

    @Override public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = ctx.channel().remoteAddress() instanceof InetSocketAddress isa ? isa.getAddress() : null;
        int all = total.incrementAndGet();
        int mine = address == null ? 0 : perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        ctx.channel().attr(COUNTED).set(new Counted(address));
        if (all > maxTotal || mine > maxPerAddress) {
            String why = all > maxTotal ? "too many open connections" : "too many open connections from " + address.getHostAddress();
            long n = refused.incrementAndGet();
            if (n == 1 || n % 1000 == 0) log.warn("Axon refused {} connection(s) so far: {}", n, why);
            byte[] body = ("{\"message\": \"Service unavailable: " + why + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] head = ("HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: " + body.length
                    + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(head, body)).addListener(ChannelFutureListener.CLOSE);
            observer.responded(503, 0);
            return;
        }
        super.channelActive(ctx);
    }

    @Override public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Counted counted = ctx.channel().attr(COUNTED).getAndSet(null);
        if (counted != null) {
            total.decrementAndGet();
            if (counted.address() != null) {
                perAddress.computeIfPresent(counted.address(), (a, c) -> c.decrementAndGet() <= 0 ? null : c);
            }
        }
        super.channelInactive(ctx);
    }

    /** Connections open now. */
    int open() { return total.get(); }
}
