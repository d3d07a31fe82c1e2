package org.cgp.protocol.axon;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's aggregator with the axon's answer to an oversized body: 413 with a
 * {@code {"message": ...}} body naming the limit, then the connection closes (its remaining bytes
 * are not read). Other connections are not affected.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
    private static final Logger log = LoggerFactory.getLogger(BodyLimitAggregator.class);
    private final int maxBodyBytes;
    private final AxonObserver observer;

    BodyLimitAggregator(int maxBodyBytes, AxonObserver observer) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
        this.observer = observer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String message = "Request body too large: the limit is " + maxBodyBytes + " bytes";
        log.info("Refused a request from {}: {}", ctx.channel().remoteAddress(), message);
        byte[] body = Exchange.errorBody(message);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        response.headers().set("bt_header_axon_status_code", "413");
        response.headers().set("bt_header_axon_status_message", message);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        observer.responded(413, 0);
    }
}
