package org.cgp.protocol.axon;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection must deliver a whole request, head and body, within the deadline from its first
 * byte, or it is closed. An idle timer alone is reset by every byte, so a client sending one byte
 * every few seconds (slowloris) would hold its socket for ever. The clock stops while a request is
 * being served ({@link #REQUEST_READ} to {@link #RESPONSE_DONE}, fired by the request handler on
 * the whole pipeline) and starts again for bytes that arrived meanwhile. Sits first in the
 * pipeline, so it sees raw bytes. One instance per connection; touched on its event loop only.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestDeadline.class);
    /** A complete request was read and is being served. */
    static final Object REQUEST_READ = new Object();
    /** Its response was written; the connection may read the next request. */
    static final Object RESPONSE_DONE = new Object();

    private final long deadlineNanos;
    private ScheduledFuture<?> timer;
    private boolean busy;
    private boolean bytesWhileBusy;

    RequestDeadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    @Override public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf b && b.isReadable()) {
            if (busy) bytesWhileBusy = true;
            else if (timer == null) arm(ctx);
        }
        super.channelRead(ctx, msg);
    }

    @Override public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == REQUEST_READ) {
            cancel();
            busy = true;
        } else if (event == RESPONSE_DONE) {
            busy = false;
            if (bytesWhileBusy) {
                bytesWhileBusy = false;
                arm(ctx);
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        cancel();
        timer = ctx.executor().schedule(() -> {
            log.debug("Closing axon connection from {}: no complete request within {} ms", ctx.channel().remoteAddress(),
                    deadlineNanos / 1_000_000);
            ctx.close();
        }, deadlineNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
