package org.cgp.protocol.axon;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cgp.protocol.synapse.TerminalInfo;
import org.cgp.protocol.wire.BtHeaders;
import org.cgp.protocol.wire.PyStr;

/**
 * One request in flight on one connection: what the pipeline learned so far and the single
 * response it may still write. Whoever calls {@link #respond} first (forward, timeout, refusal)
 * wins; later attempts are ignored. The connection reads its next request only once this
 * response is written, so responses on a keep-alive connection keep the order of requests.
 */
final class Exchange {
    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final long startNanos;
    private final AtomicBoolean done = new AtomicBoolean();
    private final Runnable afterResponse;
    private final AxonObserver observer;
    final String synapseName;
    volatile InboundHeaders headers;
    volatile TerminalInfo dendrite;
    volatile TerminalInfo axon;
    volatile Future<?> timeoutTask;
    volatile PriorityWorkerPool.Job job;

    Exchange(ChannelHandlerContext ctx, boolean keepAlive, long startNanos, String synapseName,
             Runnable afterResponse, AxonObserver observer) {
        this.ctx = ctx;
        this.observer = observer;
        this.afterResponse = afterResponse;
        this.keepAlive = keepAlive;
        this.startNanos = startNanos;
        this.synapseName = synapseName;
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    boolean isDone() {
        return done.get();
    }

    /** The axon terminal with this outcome's status and the elapsed time, or null before stamping. */
    TerminalInfo axonWithStatus(int status, String message) {
        TerminalInfo a = axon;
        return a == null ? null : a.withStatus(status, message).withProcessTime(elapsedSeconds());
    }

    /** Writes a {@code {"message": ...}} error response. */
    boolean fail(int status, String message) {
        byte[] body = errorBody(message);
        TerminalInfo a = axonWithStatus(status, message);
        return respond(status, body, a != null ? a : TerminalInfo.EMPTY.withStatus(status, message), null);
    }

    /**
     * Writes the response once. Headers: the synapse's {@code to_headers()} (name, timeout,
     * {@code bt_header_axon_*} with the status, {@code bt_header_dendrite_*} echoed, sizes, body hash).
     */
    boolean respond(int status, byte[] body, TerminalInfo axonOut, String responseBodyHash) {
        if (!done.compareAndSet(false, true)) return false;
        Future<?> t = timeoutTask;
        if (t != null) t.cancel(false);
        observer.responded(status, System.nanoTime() - startNanos);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        HttpHeaders h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (synapseName != null) h.set(BtHeaders.NAME, headerSafe(synapseName));
        BtHeaders.putTerminal((k, v) -> h.set(k, headerSafe(v)), BtHeaders.AXON_PREFIX, axonOut);
        InboundHeaders in = headers;
        if (in != null) {
            if (in.timeout() != null) h.set(BtHeaders.TIMEOUT, PyStr.floatRepr(in.timeout()));
            BtHeaders.putTerminal((k, v) -> h.set(k, headerSafe(v)), BtHeaders.DENDRITE_PREFIX, dendrite);
            h.set(BtHeaders.TOTAL_SIZE, String.valueOf(in.totalSize() == null ? 0 : in.totalSize()));
            h.set(BtHeaders.HEADER_SIZE, String.valueOf(in.headerSize() == null ? 0 : in.headerSize()));
            h.set(BtHeaders.COMPUTED_BODY_HASH,
                    headerSafe(responseBodyHash != null ? responseBodyHash : in.computedBodyHash()));
        }
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(f -> {
                if (f.isSuccess()) {
                    afterResponse.run();
                } else {
                    ctx.close();
                }
            });
        }
        return true;
    }

    static byte[] errorBody(String message) {
        return ("{\"message\":" + jsonString(message) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c)); else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    /** Header values must be printable ASCII on the wire; anything else becomes '?'. */
    static String headerSafe(String v) {
        StringBuilder out = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                if (out == null) out = new StringBuilder(v.substring(0, i));
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? v : out.toString();
    }
}
