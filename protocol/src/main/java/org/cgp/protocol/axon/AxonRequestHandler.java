package org.cgp.protocol.axon;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's end of the axon: hands each request to the shared {@link AxonPipeline}, one at
 * a time. While a request is in flight the socket is not read and requests already decoded
 * (pipelined) wait here, so responses on a keep-alive connection keep the order of requests.
 * All fields are touched on the channel's event loop only.
 */
final class AxonRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AxonRequestHandler.class);

    private final AxonPipeline pipeline;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    AxonRequestHandler(AxonPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (busy) {
            waiting.add(request.retain());
            return;
        }
        start(ctx, request);
    }

    private void start(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        ctx.pipeline().fireUserEventTriggered(RequestDeadline.REQUEST_READ);
        ctx.channel().config().setAutoRead(false);
        HeadGate gate = ctx.pipeline().get(HeadGate.class);
        AxonPipeline.Admission admission = gate == null ? null : gate.admissions.poll();
        pipeline.handle(ctx, request, admission, () -> ctx.executor().execute(() -> next(ctx)));
    }

    /** The previous response is written: serve the next waiting request, or read again. */
    private void next(ChannelHandlerContext ctx) {
        busy = false;
        ctx.pipeline().fireUserEventTriggered(RequestDeadline.RESPONSE_DONE);
        FullHttpRequest queued = waiting.poll();
        if (queued == null) {
            ctx.channel().config().setAutoRead(true);
            return;
        }
        try {
            start(ctx, queued);
        } finally {
            queued.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        FullHttpRequest r;
        while ((r = waiting.poll()) != null) r.release();
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == RequestDeadline.REQUEST_READ || event == RequestDeadline.RESPONSE_DONE) {
            // for RequestDeadline, which saw it first; ends here
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Axon connection from {} closed after an I/O error: {}", ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
