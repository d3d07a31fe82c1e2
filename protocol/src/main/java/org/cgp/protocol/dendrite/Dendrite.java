package org.cgp.protocol.dendrite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.TerminalInfo;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.wire.BodyHash;
import org.cgp.protocol.wire.BtHeaders;
import org.cgp.protocol.wire.NonceClock;
import org.cgp.protocol.wire.ProtocolVersion;
import org.cgp.protocol.wire.PyStr;
import org.cgp.protocol.wire.SignedMessages;
import org.cgp.protocol.wire.SynapseWireSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Bittensor dendrite on OkHttp (HTTP/1.1): signs each request with the caller's hotkey and calls
 * many axons concurrently under one timeout. Requests carry the headers bittensor's Synapse.to_headers writes
 * (all lowercase) and the full synapse JSON; failures get the Python dendrite's codes.
 */
public final class Dendrite implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dendrite.class);
    private static final ObjectMapper JSON = WireJson.mapper();
    private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
    /** Slack over the call timeout before a call that has not finished is given up (408). */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Keypair keypair;
    private final String hotkey;
    private final String uuid = UUID.randomUUID().toString();
    private final NonceClock nonces = new NonceClock();
    private final OkHttpClient http;

    public Dendrite(Keypair hotkey) {
        this.keypair = Objects.requireNonNull(hotkey, "hotkey");
        this.hotkey = hotkey.ss58Address();
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1024);
        dispatcher.setMaxRequestsPerHost(1024);
        this.http = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .dispatcher(dispatcher)
                // idle connections live 4 s, under uvicorn's 5 s keep-alive, so a Python axon's
                // closed connection is not picked up again
                .connectionPool(new ConnectionPool(128, 4, TimeUnit.SECONDS))
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .followRedirects(false)
                // never resend on our own: a resent request reuses its nonce and the axon answers 401,
                // and OkHttp would otherwise repeat a call the axon answered with 408
                .retryOnConnectionFailure(false)
                .build();
    }

    /** The SS58 address requests are signed with. */
    public String hotkey() { return hotkey; }

    /** This dendrite's instance id (part of every signature and of the axon's nonce key). */
    public String uuid() { return uuid; }

    /** Calls every axon concurrently; results come back in the order of {@code axons}. */
    public <T> List<DendriteResult<T>> forward(List<AxonInfo> axons, String synapseName, T synapse,
                                               Class<T> type, Duration timeout) {
        return forward(axons, synapseName, synapse, type, SynapseWireSpec.forType(type), timeout);
    }

    /** As {@link #forward(List, String, Object, Class, Duration)} with an explicit wire spec. */
    public <T> List<DendriteResult<T>> forward(List<AxonInfo> axons, String synapseName, T synapse,
                                               Class<T> type, SynapseWireSpec spec, Duration timeout) {
        Objects.requireNonNull(synapseName, "synapseName");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0");
        ObjectNode local = JSON.valueToTree(Objects.requireNonNull(synapse, "synapse"));
        String bodyHash = BodyHash.of(local, spec.hashFields());
        List<CompletableFuture<DendriteResult<T>>> pending = new ArrayList<>(axons.size());
        List<AtomicReference<Call>> calls = new ArrayList<>(axons.size());
        for (AxonInfo axon : axons) {
            CompletableFuture<DendriteResult<T>> f = new CompletableFuture<>();
            pending.add(f);
            calls.add(start(axon, synapseName, local, type, spec, bodyHash, timeout, f));
        }
        long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
        List<DendriteResult<T>> results = new ArrayList<>(axons.size());
        for (int i = 0; i < axons.size(); i++) {
            results.add(await(pending.get(i), calls.get(i), axons.get(i), timeout, deadline));
        }
        return results;
    }

    private <T> AtomicReference<Call> start(AxonInfo axon, String name, ObjectNode local, Class<T> type,
                                            SynapseWireSpec spec, String bodyHash, Duration timeout,
                                            CompletableFuture<DendriteResult<T>> result) {
        long started = System.nanoTime();
        AtomicReference<Call> current = new AtomicReference<>();
        HttpUrl url = axon.isServing() ? url(axon, name) : null;
        if (url == null) {
            result.complete(ResponseReader.unavailable(axon, name, started));
            return current;
        }
        ResponseReader<T> reader = new ResponseReader<>(axon, name, type, timeout, started);
        attempt(new Attempt<>(axon, url, name, local, spec, bodyHash, timeout, started, reader, current, result), true);
        return current;
    }

    /** What one call to one axon needs, across its (at most two) attempts. */
    private record Attempt<T>(AxonInfo axon, HttpUrl url, String name, ObjectNode local, SynapseWireSpec spec,
                              String bodyHash, Duration timeout, long startedNanos, ResponseReader<T> reader,
                              AtomicReference<Call> current, CompletableFuture<DendriteResult<T>> result) {}

    /**
     * Sends a freshly signed request. A pooled keep-alive connection the axon has already closed
     * fails before any answer; that case is tried once more, with a new nonce and signature, on a
     * new connection (a refused connection then gives the usual 503).
     */
    private <T> void attempt(Attempt<T> a, boolean firstTry) {
        long left = a.timeout().toNanos() - (System.nanoTime() - a.startedNanos());
        if (left <= 0) {
            a.result().complete(ResponseReader.timedOut(a.axon(), a.timeout(), a.startedNanos()));
            return;
        }
        Call call = http.newCall(buildRequest(a.url(), a.axon(), a.name(), a.local(), a.spec(), a.bodyHash(), a.timeout()));
        call.timeout().timeout(left, TimeUnit.NANOSECONDS);
        a.current().set(call);
        call.enqueue(new Callback() {
            @Override public void onFailure(Call c, IOException e) {
                if (firstTry && !c.isCanceled() && ResponseReader.isDroppedConnection(e)) {
                    log.debug("Connection to {}:{} was dropped ({}); trying once more", a.axon().ip(), a.axon().port(),
                            e.getMessage());
                    attempt(a, false);
                    return;
                }
                a.result().complete(a.reader().failure(e));
            }

            @Override public void onResponse(Call c, Response response) {
                try (response) {
                    a.result().complete(a.reader().read(response));
                } catch (RuntimeException | IOException e) {
                    a.result().complete(a.reader().failure(e));
                }
            }
        });
    }

    private Request buildRequest(HttpUrl url, AxonInfo axon, String name, ObjectNode local, SynapseWireSpec spec,
                                 String bodyHash, Duration timeout) {
        double timeoutSeconds = timeout.toNanos() / 1e9;
        long nonce = nonces.next();
        String message = SignedMessages.request(nonce, hotkey, axon.hotkey(), uuid, bodyHash);
        String signature = SignedMessages.toHex(keypair.sign(message.getBytes(StandardCharsets.UTF_8)));
        TerminalInfo dendriteInfo = TerminalInfo.builder().version(ProtocolVersion.INT).nonce(nonce).uuid(uuid).hotkey(hotkey)
                .signature(signature).build();
        TerminalInfo axonInfo = TerminalInfo.builder().ip(axon.ip()).port(axon.port()).hotkey(axon.hotkey()).build();

        ObjectNode body = local.deepCopy();
        body.put("name", name);
        body.put("timeout", timeoutSeconds);
        body.set("dendrite", JSON.valueToTree(dendriteInfo));
        body.set("axon", JSON.valueToTree(axonInfo));
        body.put("computed_body_hash", "");
        byte[] bytes = toBytes(body);

        Request.Builder r = new Request.Builder().url(url).post(RequestBody.create(bytes, APPLICATION_JSON));
        r.header(BtHeaders.NAME, name);
        r.header(BtHeaders.TIMEOUT, PyStr.floatRepr(timeoutSeconds));
        BtHeaders.putTerminal(r::header, BtHeaders.AXON_PREFIX, axonInfo);
        BtHeaders.putTerminal(r::header, BtHeaders.DENDRITE_PREFIX, dendriteInfo);
        for (Map.Entry<String, String> field : spec.requiredFields().entrySet()) {
            r.header(BtHeaders.INPUT_OBJ_PREFIX + field.getKey(),
                    Base64.getEncoder().encodeToString(field.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        r.header(BtHeaders.HEADER_SIZE, "0");
        r.header(BtHeaders.TOTAL_SIZE, String.valueOf(bytes.length));
        r.header(BtHeaders.COMPUTED_BODY_HASH, bodyHash);
        // an answer arrives as sent: OkHttp would otherwise ask for gzip and inflate it with no limit
        // (12 KB on the wire, 12 MiB in memory); ResponseReader inflates a gzip answer itself, bounded
        r.header("Accept-Encoding", "identity");
        return r.build();
    }

    private static byte[] toBytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalArgumentException("synapse cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static HttpUrl url(AxonInfo axon, String name) {
        try {
            return new HttpUrl.Builder().scheme("http").host(axon.ip()).port(axon.port()).addPathSegment(name).build();
        } catch (IllegalArgumentException e) {
            log.debug("Axon {} has an unusable address {}:{}: {}", axon.hotkey(), axon.ip(), axon.port(), e.getMessage());
            return null;
        }
    }

    private static <T> DendriteResult<T> await(CompletableFuture<DendriteResult<T>> f, AtomicReference<Call> current,
                                               AxonInfo axon, Duration timeout, long deadline) {
        long left = deadline - System.nanoTime();
        try {
            return f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            Call call = current.get();
            if (call != null) call.cancel();
            return ResponseReader.timedOut(axon, timeout, deadline - timeout.plus(GRACE).toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Call call = current.get();
            if (call != null) call.cancel();
            return ResponseReader.timedOut(axon, timeout, deadline - timeout.plus(GRACE).toNanos());
        } catch (ExecutionException e) {
            throw new IllegalStateException("dendrite call to " + axon + " failed unexpectedly", e.getCause());
        }
    }

    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
