package org.cgp.protocol.axon;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * Judges each request by its head before its body is accepted (between the HTTP codec and the
 * aggregator): {@link AxonPipeline#admit} checks route, headers, blacklist and the signature, and
 * {@link BodyBudget} how many body bytes this address may have in flight. An admitted head goes
 * on to the aggregator; a refused one is replaced by an empty request (which the handler answers
 * with the refusal, in turn with the connection's other requests, then closes) and its body bytes
 * are dropped as they come, never aggregated. One instance per connection, on its event loop.
 */
final class HeadGate extends ChannelInboundHandlerAdapter {
    private final AxonPipeline pipeline;
    private final BodyBudget budget;
    private final int maxBodyBytes;
    /** Each head's admission, in request order; the request handler takes one per request. */
    final ArrayDeque<AxonPipeline.Admission> admissions = new ArrayDeque<>();
    private boolean discarding;
    private long reserved;
    private InetAddress address;

    HeadGate(AxonPipeline pipeline, BodyBudget budget, int maxBodyBytes) {
        this.pipeline = pipeline;
        this.budget = budget;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest head) {
            discarding = false;
            AxonPipeline.Admission a = pipeline.admit(ctx, head);
            if (!a.refused() && a.decoded) {
                long declared = HttpUtil.getContentLength(head, -1L);
                long want = declared >= 0 && declared <= maxBodyBytes ? declared : maxBodyBytes;
                if (address == null && ctx.channel().remoteAddress() instanceof InetSocketAddress isa) address = isa.getAddress();
                if (!budget.reserve(address, want)) {
                    a.refuse(503, "Service unavailable: too many request bytes in flight from this address");
                } else {
                    reserved += want;
                }
            }
            admissions.add(a);
            if (a.refused()) {
                discarding = !(msg instanceof LastHttpContent);
                DefaultFullHttpRequest stand = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(), Unpooled.EMPTY_BUFFER);
                stand.headers().set(head.headers());
                ReferenceCountUtil.release(msg);
                ctx.fireChannelRead(stand);
                return;
            }
            if (msg instanceof LastHttpContent) releaseReserved();
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            if (discarding) {
                content.release();
                if (last) discarding = false;
                return;
            }
            if (last) releaseReserved();
        }
        ctx.fireChannelRead(msg);
    }

    @Override public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseReserved();
        super.channelInactive(ctx);
    }

    private void releaseReserved() {
        if (reserved > 0) budget.release(address, reserved);
        reserved = 0;
    }
}
