package org.cgp.protocol.axon;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.InvalidSynapseException;
import org.cgp.protocol.synapse.TerminalInfo;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.wire.BodyHash;
import org.cgp.protocol.wire.BtHeaders.HeaderFormatException;
import org.cgp.protocol.wire.NonceClock;
import org.cgp.protocol.wire.PyStr;
import org.cgp.protocol.wire.ProtocolVersion;
import org.cgp.protocol.wire.SignedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bittensor axon pipeline for one HTTP request (as bittensor's AxonMiddleware runs it), in order.
 * At the head, before any body is accepted ({@link #admit}, on the event loop): route lookup (404)
 * -> header parsing (500) -> stamp the axon fields -> blacklist (403) -> verify (401: version,
 * nonce freshness, the signature over the header fields). With the whole body ({@link #handle}):
 * priority, then on a worker: body hash (500) -> body parse (500) -> forward (422 for an invalid
 * synapse, the status of a {@link ForwardRefusedException} with its message, 500 when it throws
 * anything else, 408 past the timeout) -> 200 with the full synapse JSON.
 */
final class AxonPipeline {
    private static final Logger log = LoggerFactory.getLogger(AxonPipeline.class);
    private static final ObjectMapper JSON = WireJson.mapper();

    private final Map<String, Route<?>> routes;
    private final Keypair keypair;
    private final String axonHotkey;
    private final String axonUuid = UUID.randomUUID().toString();
    private final NonceClock clock;
    private final RequestVerifier verifier;
    private final Blacklist blacklist;
    private final Priority priority;
    private final PriorityWorkerPool pool;
    private final Duration forwardTimeout;

    /** Whether responses carry the axon's nonce, uuid and signature (bittensor 9's successes do not). */
    private final boolean signResponses;
    private final AxonObserver observer;

    AxonPipeline(Map<String, Route<?>> routes, Keypair keypair, String axonHotkey, NonceClock clock,
                       Blacklist blacklist, Priority priority, PriorityWorkerPool pool, Duration forwardTimeout,
                       boolean allowLegacyNonces, boolean signResponses, AxonObserver observer) {
        this.routes = routes;
        this.observer = observer;
        this.signResponses = signResponses;
        this.keypair = keypair;
        this.axonHotkey = axonHotkey;
        this.clock = clock;
        this.verifier = new RequestVerifier(axonHotkey, clock, forwardTimeout, allowLegacyNonces);
        this.blacklist = blacklist;
        this.priority = priority;
        this.pool = pool;
        this.forwardTimeout = forwardTimeout;
    }

    /**
     * What the head of one request established before any of its body was accepted: its route, its
     * parsed headers and terminals, and either a refusal (status and message) or a caller whose
     * signature over the header fields checked out.
     */
    static final class Admission {
        final String name;
        final Route<?> route;
        final long startNanos;
        final boolean decoded;
        InboundHeaders headers;
        TerminalInfo dendrite;
        TerminalInfo axon;
        String caller;
        double timeoutSeconds;
        int refusedStatus;
        String refusedMessage;

        Admission(String name, Route<?> route, long startNanos, boolean decoded) {
            this.name = name;
            this.route = route;
            this.startNanos = startNanos;
            this.decoded = decoded;
        }

        boolean refused() { return refusedStatus != 0; }

        Admission refuse(int status, String message) {
            refusedStatus = status;
            refusedMessage = message;
            return this;
        }
    }

    /**
     * The checks that need no body, on the event loop as the head arrives: route (404), headers
     * (500), blacklist (403), then version, nonce freshness and the signature over the header fields
     * (401 and friends; the signed message covers the body hash header, which the body is checked
     * against later). A refused request's body is never aggregated.
     */
    Admission admit(ChannelHandlerContext ctx, HttpRequest head) {
        long start = System.nanoTime();
        String name = synapseName(head.uri());
        Route<?> route = routes.get(name);
        Admission a = new Admission(name, route, start, head.decoderResult().isSuccess());
        if (!a.decoded) return a;
        if (route == null || !(head.method().equals(HttpMethod.POST) || head.method().equals(HttpMethod.GET))) {
            return a.refuse(404, "Synapse name '" + name + "' not found. Available synapses " + availableNames());
        }
        try {
            a.headers = InboundHeaders.parse(head.headers(), route.spec());
        } catch (HeaderFormatException e) {
            return a.refuse(500, internalErrorMessage(name, e.getMessage()));
        }
        a.dendrite = withPeer(a.headers.dendrite(), ctx.channel().remoteAddress());
        a.axon = stamp(a.headers.axon(), a.dendrite.hotkey());
        a.caller = a.dendrite.hotkey();
        a.timeoutSeconds = a.headers.timeout() == null ? 0 : a.headers.timeout();
        try {
            if (a.caller != null && !a.caller.isEmpty()) {
                Optional<String> reason = blacklist.reject(a.caller);
                if (reason.isPresent()) return a.refuse(403, "Forbidden. Key is blacklisted: " + reason.get() + ".");
            }
            verifier.verify(a.dendrite, a.timeoutSeconds, a.headers.computedBodyHash());
        } catch (AxonRejection r) {
            log.debug("Refused {} from {}: {}", name, a.caller, r.getMessage());
            return a.refuse(r.status(), r.getMessage());
        } catch (RuntimeException e) { // a blacklist function that throws: Python answers 500 too
            String id = UUID.randomUUID().toString();
            log.warn("Request {} failed before its forward (Internal Server Error #{}): {}", name, id, e.toString());
            return a.refuse(500, "Internal Server Error #" + id);
        }
        return a;
    }

    /**
     * Serves {@code request}, whose head {@code admission} judged; reads everything it needs from
     * it before returning. Exactly one response is written, then {@code afterResponse} runs on the
     * event loop.
     */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request, Admission admission, Runnable afterResponse) {
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        if (request.decoderResult().isFailure() || admission == null || !admission.decoded) {
            String why = request.decoderResult().isFailure() ? request.decoderResult().cause().getMessage() : "the request head was not read";
            new Exchange(ctx, false, System.nanoTime(), null, afterResponse, observer).fail(400, "Bad request: " + why);
            return;
        }
        Exchange ex = new Exchange(ctx, keepAlive && !admission.refused(), admission.startNanos, admission.name, afterResponse, observer);
        ex.headers = admission.headers;
        ex.dendrite = admission.dendrite;
        ex.axon = admission.axon;
        if (admission.refused()) {
            if (admission.refusedStatus == 500) log.info("Request {} refused: {}", admission.name, admission.refusedMessage);
            ex.fail(admission.refusedStatus, admission.refusedMessage);
            return;
        }
        queue(ctx, ex, admission.route, admission.caller, ByteBufUtil.getBytes(request.content()));
    }

    private void queue(ChannelHandlerContext ctx, Exchange ex, Route<?> route, String caller, byte[] body) {
        String name = ex.synapseName;
        try {
            double rank = caller == null ? 0 : priority.of(caller);
            Duration timeout = effectiveTimeout(ex.headers.timeout());
            String timeoutText = PyStr.floatRepr(timeout.toNanos() / 1e9);
            ex.timeoutTask = ctx.executor().schedule(() -> {
                if (ex.fail(408, "Response timeout after: " + timeoutText + "s")) {
                    PriorityWorkerPool.Job job = ex.job;
                    if (job != null) job.cancel();
                    log.info("Forward of {} for {} timed out after {}s", name, caller, timeoutText);
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            ex.job = pool.submit(rank, () -> forward(ex, route, body),
                    () -> ex.fail(503, "Service unavailable: axon overloaded, request refused at priority " + rank));
        } catch (RuntimeException e) { // a priority function that throws: Python answers 500 too
            String id = UUID.randomUUID().toString();
            log.warn("Request {} failed before its forward (Internal Server Error #{}): {}", name, id, e.toString());
            ex.fail(500, "Internal Server Error #" + id);
        }
    }

    /** Nothing left to stop: the signature is checked on the event loop as the head arrives. */
    void close() {}

    private <T> void forward(Exchange ex, Route<T> route, byte[] body) {
        if (ex.isDone()) return;
        T synapse = route.spec().hashFields().isEmpty() ? parseDirect(ex, route, body) : parseWithHash(ex, route, body);
        if (synapse == null) return; // already answered
        T result;
        try {
            result = route.handler().forward(synapse);
        } catch (InvalidSynapseException e) {
            ex.fail(422, "Invalid synapse: " + e.getMessage());
            return;
        } catch (ForwardRefusedException e) {
            if (e.status() == 500) internalError(ex, e.getMessage()); else ex.fail(e.status(), e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the timeout already answered
        } catch (Exception | Error e) {
            if (ex.isDone()) return;
            String id = UUID.randomUUID().toString();
            log.warn("Forward of {} for {} failed (Internal Server Error #{}): {}", route.name(),
                    ex.dendrite.hotkey(), id, e.toString());
            ex.fail(500, "Internal Server Error #" + id);
            return;
        }
        if (result == null) {
            internalError(ex, "the forward function returned nothing");
            return;
        }
        TerminalInfo axonOut = ex.axonWithStatus(200, "Success");
        ObjectNode out = JSON.valueToTree(result);
        out.set("dendrite", JSON.valueToTree(ex.dendrite));
        out.set("axon", JSON.valueToTree(axonOut));
        out.put("computed_body_hash", "");
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            internalError(ex, "the response could not be written as JSON");
            return;
        }
        if (ex.respond(200, bytes, axonOut, BodyHash.of(out, route.spec().hashFields()))) {
            log.debug("Served {} to {} in {} ms", route.name(), ex.dendrite.hotkey(),
                    Math.round(ex.elapsedSeconds() * 1000));
        }
    }

    /**
     * The body straight into the synapse type, no JSON tree: with no hash fields the body hash is
     * {@link BodyHash#EMPTY} whatever the body holds (CgSynapse's case, every request). Null when
     * it answered an error.
     */
    private <T> T parseDirect(Exchange ex, Route<T> route, byte[] body) {
        if (!BodyHash.EMPTY.equals(ex.headers.computedBodyHash())) {
            internalError(ex, "Hash mismatch between header body hash and computed body hash");
            return null;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                internalError(ex, first == null ? "body is not valid JSON (empty)" : "body is not a JSON object");
                return null;
            }
            return JSON.readValue(parser, route.type());
        } catch (JsonParseException e) {
            internalError(ex, "body is not valid JSON (" + shortCause(e) + ")");
        } catch (IOException | IllegalArgumentException e) {
            internalError(ex, "body does not fit " + route.name() + " (" + shortCause(e) + ")");
        }
        return null;
    }

    /** Through a JSON tree, for synapses whose hash fields must be read from the body. Null when it answered an error. */
    private <T> T parseWithHash(Exchange ex, Route<T> route, byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (Exception e) {
            internalError(ex, "body is not valid JSON (" + shortCause(e) + ")");
            return null;
        }
        if (tree == null || !tree.isObject()) {
            internalError(ex, "body is not a JSON object");
            return null;
        }
        String hash = BodyHash.of(tree, route.spec().hashFields());
        if (!hash.equals(ex.headers.computedBodyHash())) {
            internalError(ex, "Hash mismatch between header body hash and computed body hash");
            return null;
        }
        try {
            return JSON.treeToValue(tree, route.type());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            internalError(ex, "body does not fit " + route.name() + " (" + shortCause(e) + ")");
            return null;
        }
    }

    /** Python's 500: a fresh id the operator can find in the log, plus what went wrong. */
    private static void internalError(Exchange ex, String detail) {
        ex.fail(500, internalErrorMessage(ex.synapseName, detail));
    }

    private static String internalErrorMessage(String name, String detail) {
        String id = UUID.randomUUID().toString();
        log.info("Request {} refused (Internal Server Error #{}): {}", name, id, detail);
        return "Internal Server Error #" + id + ": " + detail;
    }

    /**
     * The axon terminal the response carries. Unsigned by default: a bittensor 9 success carries
     * the axon fields the dendrite sent plus the status, no nonce, uuid or signature, and no
     * dendrite (Python's or ours) verifies an axon signature, so signing each response would be
     * work (about 40 % of a request's CPU) nobody reads. {@code signResponses} keeps the stamp.
     */
    private TerminalInfo stamp(TerminalInfo claimed, String dendriteHotkey) {
        TerminalInfo.Builder stamp = TerminalInfo.builder().statusCode(100).ip(claimed.ip()).port(claimed.port()).hotkey(axonHotkey);
        if (!signResponses) return stamp.build();
        long nonce = clock.next();
        String message = SignedMessages.axon(nonce, dendriteHotkey, axonHotkey, axonUuid);
        String signature = SignedMessages.toHex(keypair.sign(message.getBytes(StandardCharsets.UTF_8)));
        return stamp.version(ProtocolVersion.INT).nonce(nonce).uuid(axonUuid).signature(signature).build();
    }

    private static TerminalInfo withPeer(TerminalInfo d, SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress isa)) return d;
        String ip = isa.getAddress() == null ? isa.getHostString() : isa.getAddress().getHostAddress();
        return d.toBuilder().ip(ip).port(isa.getPort()).build();
    }

    private Duration effectiveTimeout(Double requested) {
        if (requested == null || !(requested > 0) || requested.isInfinite()) return forwardTimeout;
        Duration asked = Duration.ofNanos((long) Math.min(requested * 1e9, Long.MAX_VALUE / 2.0));
        return asked.compareTo(forwardTimeout) < 0 ? asked : forwardTimeout;
    }

    private String availableNames() {
        return routes.keySet().stream().map(PyStr::stringRepr).toList().toString();
    }

    static String synapseName(String uri) {
        String path = uri;
        int q = path.indexOf('?');
        if (q >= 0) path = path.substring(0, q);
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : path.substring(slash);
        }
        while (path.startsWith("/")) path = path.substring(1);
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    private static String shortCause(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
