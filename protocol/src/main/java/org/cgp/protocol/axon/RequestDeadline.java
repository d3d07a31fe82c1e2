package org.cgp.protocol.axon;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two clocks per connection. Between requests (from the moment it opens, and after each response)
 * a connection may sit idle for {@code idleNanos}, uvicorn's keep-alive of 5 s by default, then it
 * is closed: a socket that never sends a byte holds a slot for seconds, not minutes. From the first
 * byte of a request it must deliver the whole request, head and body, within {@code deadlineNanos},
 * or it is closed; an idle timer alone is reset by every byte, so a client sending one byte every
 * few seconds (slowloris) would hold its socket for ever. No clock runs while a request is being
 * served ({@link #REQUEST_READ} to {@link #RESPONSE_DONE}, fired by the request handler on the
 * whole pipeline); bytes that arrived meanwhile start the request clock again. Sits first in the
 * pipeline, so it sees raw bytes. One instance per connection; touched on its event loop only.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestDeadline.class);
    /** A complete request was read and is being served. */
    static final Object REQUEST_READ = new Object();
    /** Its response was written; the connection may read the next request. */
    static final Object RESPONSE_DONE = new Object();

    private final long deadlineNanos;
    private final long idleNanos;
    private ScheduledFuture<?> timer;
    private boolean reading;
    private boolean busy;
    private boolean bytesWhileBusy;

    RequestDeadline(long deadlineNanos, long idleNanos) {
        this.deadlineNanos = deadlineNanos;
        this.idleNanos = idleNanos;
    }

    @Override public void channelActive(ChannelHandlerContext ctx) throws Exception {
        armIdle(ctx);
        super.channelActive(ctx);
    }

    @Override public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf b && b.isReadable()) {
            if (busy) bytesWhileBusy = true;
            else if (!reading) armRequest(ctx);
        }
        super.channelRead(ctx, msg);
    }

    @Override public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == REQUEST_READ) {
            cancel();
            reading = false;
            busy = true;
        } else if (event == RESPONSE_DONE) {
            busy = false;
            if (bytesWhileBusy) {
                bytesWhileBusy = false;
                armRequest(ctx);
            } else {
                armIdle(ctx);
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void armRequest(ChannelHandlerContext ctx) {
        reading = true;
        arm(ctx, deadlineNanos, "no complete request within");
    }

    private void armIdle(ChannelHandlerContext ctx) {
        reading = false;
        arm(ctx, idleNanos, "idle between requests for");
    }

    private void arm(ChannelHandlerContext ctx, long nanos, String why) {
        cancel();
        timer = ctx.executor().schedule(() -> {
            log.debug("Closing axon connection from {}: {} {} ms", ctx.channel().remoteAddress(), why, nanos / 1_000_000);
            ctx.close();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
