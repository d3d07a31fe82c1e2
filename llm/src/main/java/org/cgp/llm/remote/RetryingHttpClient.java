package org.cgp.llm.remote;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LangChain4j's HTTP transport on OkHttp, with retries: 429/408/5xx answers and failed or
 * timed-out connections are retried per {@link RetryPolicy}, honouring Retry-After. The
 * LangChain4j models are built with their own retries off so this is the only retry loop. A
 * final failure is a LangChain4j {@link HttpException} (status and body), which the models
 * turn into their typed exceptions.
 */
final class RetryingHttpClient implements HttpClient {
    private static final Logger log = LoggerFactory.getLogger(RetryingHttpClient.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final RetryPolicy policy;
    private final String provider;

    RetryingHttpClient(OkHttpClient http, RetryPolicy policy, String provider) {
        this.http = http;
        this.policy = policy;
        this.provider = provider;
    }

    @Override public SuccessfulHttpResponse execute(HttpRequest request) {
        for (int attempt = 0; ; attempt++) {
            try (Response response = call(toOkHttp(request))) {
                ResponseBody body = response.body();
                byte[] bytes = body == null ? new byte[0] : body.bytes();
                if (response.isSuccessful()) {
                    return SuccessfulHttpResponse.builder()
                            .statusCode(response.code())
                            .headers(response.headers().toMultimap())
                            .body(bytes)
                            .build();
                }
                String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                if (!RetryPolicy.retryable(response.code()) || attempt >= policy.maxRetries()) {
                    throw new HttpException(response.code(), text);
                }
                Duration wait = policy.delay(attempt, response.header("Retry-After"), response.header("retry-after-ms"));
                log.warn("{} answered HTTP {}; retry {}/{} in {} ms", provider, response.code(), attempt + 1,
                        policy.maxRetries(), wait.toMillis());
                sleep(wait);
            } catch (IOException e) {
                if (cancelled(e)) { // the caller gave up (a forward past its deadline): no retry, keep the flag set
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(provider + " call cancelled", e);
                }
                if (attempt >= policy.maxRetries()) {
                    if (e instanceof InterruptedIOException) {
                        throw new dev.langchain4j.exception.TimeoutException(provider + " did not answer in time: " + e.getMessage());
                    }
                    throw new UncheckedIOException(provider + " unreachable: " + e.getMessage(), e);
                }
                Duration wait = policy.delay(attempt, null, null);
                log.warn("{} call failed ({}); retry {}/{} in {} ms", provider, e.getClass().getSimpleName(),
                        attempt + 1, policy.maxRetries(), wait.toMillis());
                sleep(wait);
            }
        }
    }

    /**
     * Runs one call on OkHttp's dispatcher and waits for it, so that an interrupt of the waiting
     * thread (a forward the axon cancelled at its deadline) cancels the call at once instead of
     * after the provider has answered: a blocking socket read does not see interrupts.
     */
    private Response call(Request request) throws IOException {
        Call call = http.newCall(request);
        CompletableFuture<Response> answer = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override public void onFailure(Call c, IOException e) { answer.completeExceptionally(e); }

            @Override public void onResponse(Call c, Response r) {
                if (!answer.complete(r)) r.close(); // nobody waits for it any more
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(false);
            call.cancel();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IOException(e.getCause());
        }
    }

    /**
     * True when the calling thread was interrupted rather than the call timing out: OkHttp reports
     * both as {@link InterruptedIOException}, a timeout as its {@link java.net.SocketTimeoutException}
     * subclass or with the message "timeout", an interrupt with the message "interrupted" (the
     * thread's flag then already cleared).
     */
    static boolean cancelled(IOException e) {
        if (Thread.currentThread().isInterrupted()) return true;
        return e instanceof InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)
                && "interrupted".equals(e.getMessage());
    }

    /** Streaming is not used by this project; the whole answer is read, then parsed as events. */
    @Override public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        try {
            SuccessfulHttpResponse response = execute(request);
            listener.onOpen(response);
            parser.parse(new java.io.ByteArrayInputStream(response.bodyBytes()), listener);
            listener.onClose();
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    private static Request toOkHttp(HttpRequest request) {
        Request.Builder b = new Request.Builder().url(request.url());
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            for (String v : h.getValue()) b.addHeader(h.getKey(), v);
        }
        switch (request.method()) {
            case GET -> b.get();
            case DELETE -> b.delete();
            case POST -> b.post(RequestBody.create(request.body() == null ? "" : request.body(), JSON));
        }
        return b.build();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    /** As many calls in flight to one provider as there are forwards waiting for them (OkHttp's default is 5 per host). */
    private static Dispatcher dispatcher() {
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(512);
        d.setMaxRequestsPerHost(512);
        return d;
    }

    /** Builder handed to the LangChain4j models; they set the timeouts. */
    static final class Builder implements HttpClientBuilder {
        private final RetryPolicy policy;
        private final String provider;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);

        Builder(RetryPolicy policy, String provider) {
            this.policy = policy;
            this.provider = provider;
        }

        @Override public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override public HttpClientBuilder connectTimeout(Duration timeout) {
            if (timeout != null) this.connectTimeout = timeout;
            return this;
        }

        @Override public Duration readTimeout() {
            return readTimeout;
        }

        @Override public HttpClientBuilder readTimeout(Duration timeout) {
            if (timeout != null) this.readTimeout = timeout;
            return this;
        }

        @Override public HttpClient build() {
            OkHttpClient http = new OkHttpClient.Builder()
                    .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .writeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .callTimeout(0, TimeUnit.MILLISECONDS)
                    .retryOnConnectionFailure(false)
                    .dispatcher(dispatcher())
                    .build();
            return new RetryingHttpClient(http, policy, provider);
        }
    }
}
