package org.cgp.protocol.wire;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.cgp.protocol.synapse.TerminalInfo;

/**
 * The Bittensor request/response header names (all lowercase, as the Python SDK sends and matches
 * them) and the conversion of a {@link TerminalInfo} to and from {@code bt_header_<side>_<field>}
 * headers (bittensor's Synapse.to_headers and the axon's response headers).
 */
public final class BtHeaders {
    public static final String NAME = "name";
    public static final String TIMEOUT = "timeout";
    public static final String TOTAL_SIZE = "total_size";
    public static final String HEADER_SIZE = "header_size";
    public static final String COMPUTED_BODY_HASH = "computed_body_hash";
    public static final String AXON_PREFIX = "bt_header_axon_";
    public static final String DENDRITE_PREFIX = "bt_header_dendrite_";
    public static final String INPUT_OBJ_PREFIX = "bt_header_input_obj_";

    public static final String DENDRITE_NONCE = DENDRITE_PREFIX + "nonce";
    public static final String DENDRITE_HOTKEY = DENDRITE_PREFIX + "hotkey";
    public static final String DENDRITE_UUID = DENDRITE_PREFIX + "uuid";
    public static final String DENDRITE_SIGNATURE = DENDRITE_PREFIX + "signature";
    public static final String DENDRITE_VERSION = DENDRITE_PREFIX + "version";
    public static final String AXON_STATUS_CODE = AXON_PREFIX + "status_code";
    public static final String AXON_STATUS_MESSAGE = AXON_PREFIX + "status_message";

    private BtHeaders() {}

    /** Writes every non-null field of {@code t} as {@code <prefix><field>} with Python's {@code str()} text. */
    public static void putTerminal(BiConsumer<String, String> sink, String prefix, TerminalInfo t) {
        if (t == null) return;
        putIf(sink, prefix + "status_code", t.statusCode());
        putIf(sink, prefix + "status_message", t.statusMessage());
        if (t.processTime() != null) sink.accept(prefix + "process_time", PyStr.floatRepr(t.processTime()));
        putIf(sink, prefix + "ip", t.ip());
        putIf(sink, prefix + "port", t.port());
        putIf(sink, prefix + "version", t.version());
        putIf(sink, prefix + "nonce", t.nonce());
        putIf(sink, prefix + "uuid", t.uuid());
        putIf(sink, prefix + "hotkey", t.hotkey());
        putIf(sink, prefix + "signature", t.signature());
    }

    private static void putIf(BiConsumer<String, String> sink, String name, Object value) {
        if (value != null) sink.accept(name, value.toString());
    }

    /**
     * Reads {@code <prefix><field>} headers into a TerminalInfo, converting ints and floats the way
     * Python's {@code int()} / {@code float()} would.
     *
     * @param header looks a header up by its lowercase name, null when absent
     * @throws HeaderFormatException when a numeric field does not parse
     */
    public static TerminalInfo parseTerminal(Function<String, String> header, String prefix) {
        return new TerminalInfo(
                parseInt(header, prefix + "status_code"),
                header.apply(prefix + "status_message"),
                parseFloat(header, prefix + "process_time"),
                header.apply(prefix + "ip"),
                parseInt(header, prefix + "port"),
                parseLong(header, prefix + "version"),
                parseLong(header, prefix + "nonce"),
                header.apply(prefix + "uuid"),
                header.apply(prefix + "hotkey"),
                header.apply(prefix + "signature"));
    }

    public static Integer parseInt(Function<String, String> header, String name) {
        Long v = parseLong(header, name);
        if (v == null) return null;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new HeaderFormatException(name, "integer out of range");
        }
        return v.intValue();
    }

    public static Long parseLong(Function<String, String> header, String name) {
        String raw = header.apply(name);
        if (raw == null) return null;
        try {
            return Long.parseLong(raw.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new HeaderFormatException(name, "'" + abbreviate(raw) + "' is not an integer");
        }
    }

    public static Double parseFloat(Function<String, String> header, String name) {
        String raw = header.apply(name);
        if (raw == null) return null;
        try {
            double d = Double.parseDouble(raw.strip());
            return d;
        } catch (NumberFormatException e) {
            throw new HeaderFormatException(name, "'" + abbreviate(raw) + "' is not a number");
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** A header whose value does not have the type the protocol gives it. */
    public static final class HeaderFormatException extends RuntimeException {
        public HeaderFormatException(String header, String problem) {
            super("header " + header + ": " + problem);
        }
    }
}
