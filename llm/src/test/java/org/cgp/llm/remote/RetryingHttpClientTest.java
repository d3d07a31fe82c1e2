package org.cgp.llm.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/** The one retry loop: retries a provider that times out, never a caller that gave up. */
class RetryingHttpClientTest {
    private static final RetryPolicy QUICK = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1));

    @Test
    void aTimedOutCallIsRetriedThenReportedAsATimeout() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            for (int i = 0; i < 3; i++) server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
            server.start();
            var client = new RetryingHttpClient.Builder(QUICK, "openai").readTimeout(Duration.ofMillis(200)).build();
            Throwable thrown = null;
            try {
                client.execute(post(server));
            } catch (RuntimeException e) {
                thrown = e;
            }
            assertThat(thrown).isInstanceOf(dev.langchain4j.exception.TimeoutException.class);
            assertThat(server.getRequestCount()).isEqualTo(3);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void anInterruptedCallerIsNotRetriedAndKeepsItsInterrupt() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            for (int i = 0; i < 3; i++) server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
            server.start();
            var client = new RetryingHttpClient.Builder(QUICK, "openai").readTimeout(Duration.ofSeconds(30)).build();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean interruptKept = new AtomicBoolean();
            Thread caller = new Thread(() -> {
                try {
                    client.execute(post(server));
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
                interruptKept.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull(); // the call is on the wire
            caller.interrupt(); // as the axon cancels a forward past its deadline
            caller.join(10_000);
            assertThat(caller.isAlive()).isFalse();
            assertThat(thrown.get()).isNotNull().hasMessageContaining("cancelled");
            assertThat(interruptKept).isTrue();
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
    }

    private static HttpRequest post(MockWebServer server) {
        return HttpRequest.builder().method(HttpMethod.POST).url(server.url("/v1/chat/completions").toString())
                .addHeader("Content-Type", "application/json").body("{}").build();
    }
}
