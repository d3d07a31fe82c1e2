package org.cgp.protocol.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The connection limiter, the two clocks and the 413 on Netty's EmbeddedChannel: no sockets, time moved by hand. */
class AxonHandlersEmbeddedTest {
    private static final long IDLE = TimeUnit.SECONDS.toNanos(5);
    private static final long REQUEST = TimeUnit.SECONDS.toNanos(10);

    @Test
    void aConnectionOverTheCapIsAnswered503AndClosedAndAClosedOneFreesItsSlot() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 2, AxonObserver.NONE);
        EmbeddedChannel first = new EmbeddedChannel(limiter);
        EmbeddedChannel second = new EmbeddedChannel(limiter);
        assertThat(limiter.open()).isEqualTo(2);
        EmbeddedChannel third = new EmbeddedChannel(limiter);
        ByteBuf refused = third.readOutbound();
        assertThat(refused.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 503 Service Unavailable")
                .contains("too many open connections");
        refused.release();
        third.runPendingTasks();
        assertThat(third.isOpen()).isFalse();
        assertThat(limiter.open()).as("the refused one counted out again").isEqualTo(2);
        first.close();
        assertThat(limiter.open()).isEqualTo(1);
        EmbeddedChannel fourth = new EmbeddedChannel(limiter);
        assertThat((Object) fourth.readOutbound()).as("admitted: nothing written").isNull();
        assertThat(fourth.isOpen()).isTrue();
        second.close();
        fourth.close();
        assertThat(limiter.open()).isZero();
    }

    @Test
    void aSocketThatSendsNothingIsClosedAfterTheIdleTime() {
        EmbeddedChannel ch = new EmbeddedChannel(new RequestDeadline(REQUEST, IDLE));
        ch.advanceTimeBy(4, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aRequestDrippedByteByByteIsClosedAtTheRequestDeadline() {
        EmbeddedChannel ch = new EmbeddedChannel(new RequestDeadline(REQUEST, IDLE));
        for (int second = 0; second < 9; second++) { // a byte every second: the idle clock alone would never fire
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'P'}));
            ch.advanceTimeBy(1, TimeUnit.SECONDS);
            ch.runScheduledPendingTasks();
            assertThat(ch.isOpen()).as("second %d", second + 1).isTrue();
        }
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'O'}));
        ch.advanceTimeBy(1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).as("10 s after its first byte").isFalse();
        releaseAll(ch);
    }

    @Test
    void noClockRunsWhileARequestIsServedAndTheIdleClockStartsAfterItsResponse() {
        EmbeddedChannel ch = new EmbeddedChannel(new RequestDeadline(REQUEST, IDLE));
        ch.writeInbound(Unpooled.wrappedBuffer("POST /CgSynapse".getBytes(StandardCharsets.US_ASCII)));
        ch.pipeline().fireUserEventTriggered(RequestDeadline.REQUEST_READ);
        ch.advanceTimeBy(60, TimeUnit.SECONDS); // a slow forward
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.pipeline().fireUserEventTriggered(RequestDeadline.RESPONSE_DONE);
        ch.advanceTimeBy(5, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).as("idle after its response").isFalse();
        releaseAll(ch);
    }

    @Test
    void aHeadDeclaringABodyOverTheLimitIsAnswered413AndClosed() {
        EmbeddedChannel ch = new EmbeddedChannel(new BodyLimitAggregator(1024, AxonObserver.NONE));
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/CgSynapse");
        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 1_000_000);
        ch.writeInbound(head);
        FullHttpResponse response = ch.readOutbound();
        assertThat(response.status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        assertThat(response.headers().get("bt_header_axon_status_code")).isEqualTo("413");
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("the limit is 1024 bytes");
        response.release();
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat((Object) ch.readInbound()).as("nothing passed on").isNull();
    }

    private static void releaseAll(EmbeddedChannel ch) {
        for (Object m; (m = ch.readInbound()) != null; ) io.netty.util.ReferenceCountUtil.release(m);
    }
}
