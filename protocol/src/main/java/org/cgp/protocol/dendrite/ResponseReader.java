package org.cgp.protocol.dendrite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Function;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.synapse.TerminalInfo;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.wire.BtHeaders;
import org.cgp.protocol.wire.PyStr;

/**
 * Turns one axon's answer (or failure) into a {@link DendriteResult} the way the Python dendrite
 * does (bittensor 9's dendrite.process_server_response): 200 -> the body parsed as the synapse type with the terminal
 * headers merged in; another status -> that code and the body's {@code message}; connect failure
 * -> 503; timeout -> 408; anything unreadable -> 422.
 */
final class ResponseReader<T> {
    private static final ObjectMapper JSON = WireJson.mapper();
    /** A miner's answer is a few KiB; anything past this is refused unread (422). */
    static final int MAX_RESPONSE_BYTES = 16 << 20;

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
        ResponseBody body = response.body();
        String text = "";
        if (body != null) {
            BufferedSource source = body.source();
            if (source.request(MAX_RESPONSE_BYTES + 1L)) {
                return parseFailure("response body is larger than " + MAX_RESPONSE_BYTES + " bytes");
            }
            text = source.getBuffer().readUtf8();
        }
        int code = response.code();
        Function<String, String> header = response::header;
        if (code != 200) {
            return result(code, errorMessage(text, code), null);
        }
        ObjectNode tree;
        TerminalInfo axonInfo;
        TerminalInfo dendriteInfo;
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed == null || !parsed.isObject()) return parseFailure("body is not a JSON object");
            tree = (ObjectNode) parsed;
            axonInfo = merge(JSON.treeToValue(tree.get("axon"), TerminalInfo.class),
                    BtHeaders.parseTerminal(header, BtHeaders.AXON_PREFIX));
            dendriteInfo = merge(JSON.treeToValue(tree.get("dendrite"), TerminalInfo.class),
                    BtHeaders.parseTerminal(header, BtHeaders.DENDRITE_PREFIX));
        } catch (IOException | RuntimeException e) {
            return parseFailure(firstLine(e));
        }
        int status = axonInfo.statusCode() == null ? code : axonInfo.statusCode();
        String message = axonInfo.statusMessage() == null ? "Success" : axonInfo.statusMessage();
        dendriteInfo = dendriteInfo.withStatus(status, message).withProcessTime(elapsed().toNanos() / 1e9);
        tree.set("axon", JSON.valueToTree(axonInfo));
        tree.set("dendrite", JSON.valueToTree(dendriteInfo));
        T synapse;
        try {
            synapse = JSON.treeToValue(tree, type);
        } catch (IOException | RuntimeException e) {
            return parseFailure(firstLine(e));
        }
        return result(status, message, status == 200 ? synapse : null);
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

    private static String errorMessage(String text, int code) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.hasNonNull("message")) return node.get("message").asText();
        } catch (IOException | RuntimeException ignored) {
            // not JSON: fall through to the raw text
        }
        String raw = text.strip();
        if (raw.isEmpty()) return "HTTP " + code;
        return raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
    }

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
