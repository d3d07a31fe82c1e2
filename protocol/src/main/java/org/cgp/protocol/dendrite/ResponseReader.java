package org.cgp.protocol.dendrite;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.GzipSource;
import okio.Source;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Synapse;
import org.cgp.protocol.synapse.TerminalInfo;
import org.cgp.protocol.wire.BtHeaders;
import org.cgp.protocol.wire.PyStr;

/**
 * Turns one axon's answer (or failure) into a {@link DendriteResult} the way the Python dendrite
 * does (bittensor's dendrite.process_server_response): 200 -> the body parsed as the synapse type with the terminal
 * headers merged in; another status -> that code and the body's {@code message}; connect failure
 * -> 503; timeout -> 408; anything unreadable -> 422. Every answer is hostile input: it is read
 * up to {@link #MAX_RESPONSE_BYTES} decoded bytes and parsed under Jackson's read constraints
 * (depth, tokens, string and number length) without building a tree, so one miner's answer costs
 * the validator a bounded amount of memory and, past a limit, only that miner's call (422).
 */
final class ResponseReader<T> {
    /**
     * The largest answer read, after any gzip: a real one is a few KiB (a skill document and its
     * tests some tens); past this the miner's answer is refused unread (422) and only its own call fails.
     */
    static final int MAX_RESPONSE_BYTES = 2 << 20;
    /** Deeper JSON than this is no synapse (a real one nests 5 levels). */
    static final int MAX_DEPTH = 32;
    /** JSON tokens per answer: 10,000 tags are about 10,000; an amplifying body of tiny objects is millions. */
    static final long MAX_TOKENS = 250_000;
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
            .maxDocumentLength(MAX_RESPONSE_BYTES).maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_RESPONSE_BYTES)
            .maxNumberLength(64).maxNameLength(1024).maxTokenCount(MAX_TOKENS).build()).build();
    /**
     * Reads answers field by field straight into the synapse type, skipping what the step never
     * reads (unknown fields, and the miner's echo of our own request) without building it.
     */
    private static final ObjectMapper REPLY = JsonMapper.builder(FACTORY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(CgSynapse.class, WithoutEcho.class)
            .build();

    @JsonIgnoreProperties({"cgp_input"})
    private abstract static class WithoutEcho {}

    private final AxonInfo axon;
    private final String name;
    private final Class<T> type;
    private final Duration timeout;
    private final long startNanos;

    ResponseReader(AxonInfo axon, String name, Class<T> type, Duration timeout, long startNanos) {
        this.axon = axon;
        this.name = name;
        this.type = type;
        this.timeout = timeout;
        this.startNanos = startNanos;
    }

    DendriteResult<T> read(Response response) throws IOException {
        byte[] bytes;
        try {
            bytes = boundedBody(response);
        } catch (Refused e) {
            return parseFailure(e.getMessage());
        }
        int code = response.code();
        Function<String, String> header = response::header;
        if (code != 200) {
            return result(code, errorMessage(bytes, code), null);
        }
        T synapse;
        try {
            synapse = REPLY.readValue(bytes, type);
        } catch (IOException | RuntimeException e) {
            return parseFailure(firstLine(e));
        }
        if (synapse == null) return parseFailure("body is not a JSON object");
        TerminalInfo axonInfo = null;
        TerminalInfo dendriteInfo = null;
        if (synapse instanceof Synapse<?> s) {
            axonInfo = merge(s.axon(), BtHeaders.parseTerminal(header, BtHeaders.AXON_PREFIX));
            dendriteInfo = merge(s.dendrite(), BtHeaders.parseTerminal(header, BtHeaders.DENDRITE_PREFIX));
        } else {
            axonInfo = BtHeaders.parseTerminal(header, BtHeaders.AXON_PREFIX);
        }
        int status = axonInfo.statusCode() == null ? code : axonInfo.statusCode();
        String message = axonInfo.statusMessage() == null ? "Success" : axonInfo.statusMessage();
        if (synapse instanceof Synapse<?> s) {
            dendriteInfo = dendriteInfo.withStatus(status, message).withProcessTime(elapsed().toNanos() / 1e9);
            synapse = type.cast(s.withTerminals(axonInfo, dendriteInfo));
        }
        return result(status, message, status == 200 ? synapse : null);
    }

    /** Why an answer's body was not read. */
    private static final class Refused extends Exception {
        Refused(String message) { super(message, null, false, false); }
    }

    /**
     * The body as sent, or gunzipped when the axon says gzip (we ask for identity, so OkHttp never
     * inflates on its own): at most {@link #MAX_RESPONSE_BYTES} decoded bytes are read, and a
     * larger answer (a gzip bomb too) is refused as soon as it passes that.
     */
    private static byte[] boundedBody(Response response) throws IOException, Refused {
        ResponseBody body = response.body();
        if (body == null) return new byte[0];
        String encoding = response.header("Content-Encoding");
        Source source = body.source();
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            if (!encoding.strip().equalsIgnoreCase("gzip")) throw new Refused("unsupported Content-Encoding " + headerSafe(encoding));
            source = new GzipSource(source);
        }
        Buffer buffer = new Buffer();
        long total = 0;
        while (true) {
            long n;
            try {
                n = source.read(buffer, 64 * 1024);
            } catch (IOException e) {
                if (encoding != null && e.getClass() == IOException.class) throw new Refused("the gzip body is corrupt: " + firstLine(e));
                throw e;
            }
            if (n == -1) break;
            total += n;
            if (total > MAX_RESPONSE_BYTES) {
                throw new Refused("response body is larger than " + MAX_RESPONSE_BYTES + " bytes" + (encoding != null ? " once decompressed" : ""));
            }
        }
        return buffer.readByteArray();
    }

    private static String headerSafe(String v) {
        String s = v.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    DendriteResult<T> failure(Exception e) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException) {
            return unavailable(axon, name, startNanos);
        }
        if (e instanceof InterruptedIOException) {
            return timedOut(axon, timeout, startNanos);
        }
        if (e instanceof EOFException || String.valueOf(e.getMessage()).contains("unexpected end of stream")) {
            return result(503, "Service disconnected: " + firstLine(e), null);
        }
        return parseFailure(firstLine(e));
    }

    /** The connection went away before any answer (a closed keep-alive connection, a reset). */
    static boolean isDroppedConnection(IOException e) {
        String m = String.valueOf(e.getMessage());
        return e instanceof EOFException || m.contains("unexpected end of stream")
                || (e instanceof java.net.SocketException && m.contains("reset"));
    }

    static <T> DendriteResult<T> unavailable(AxonInfo axon, String name, long startNanos) {
        return new DendriteResult<>(axon, 503, "Service unavailable at [REDACTED]/" + name, // as the live validators log it: never a miner's address
                null, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    static <T> DendriteResult<T> timedOut(AxonInfo axon, Duration timeout, long startNanos) {
        return new DendriteResult<>(axon, 408,
                "Request timeout after " + PyStr.floatRepr(timeout.toNanos() / 1e9) + " seconds", null,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private DendriteResult<T> parseFailure(String detail) {
        return result(422, "Failed to parse response: " + detail, null);
    }

    private DendriteResult<T> result(int code, String message, T response) {
        return new DendriteResult<>(axon, code, message, response, elapsed());
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** An error answer's {@code message} field (read by streaming, nothing else built), else its first 200 characters. */
    private static String errorMessage(byte[] body, int code) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("message".equals(field) && value == JsonToken.VALUE_STRING) return capped(p.getText());
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: fall through to the raw text
        }
        String raw = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8).strip();
        if (raw.isEmpty()) return "HTTP " + code;
        return capped(raw);
    }

    private static String capped(String s) { return s.length() > 200 ? s.substring(0, 200) + "..." : s; }

    /** {@code base} with every non-null field of {@code fromHeaders} laid over it. */
    static TerminalInfo merge(TerminalInfo base, TerminalInfo fromHeaders) {
        return (base == null ? TerminalInfo.EMPTY : base).overlaidWith(fromHeaders);
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
