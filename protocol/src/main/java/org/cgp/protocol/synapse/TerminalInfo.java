package org.cgp.protocol.synapse;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Bittensor's TerminalInfo: one side (dendrite or axon) of a call. Every field may be null. */
@JsonPropertyOrder({"status_code", "status_message", "process_time", "ip", "port", "version", "nonce", "uuid", "hotkey", "signature"})
public record TerminalInfo(
        @JsonProperty("status_code") Integer statusCode,
        @JsonProperty("status_message") String statusMessage,
        @JsonProperty("process_time") Double processTime,
        String ip,
        Integer port,
        Long version,
        Long nonce,
        String uuid,
        String hotkey,
        String signature) {

    public static final TerminalInfo EMPTY = new TerminalInfo(null, null, null, null, null, null, null, null, null, null);

    /** An empty terminal to fill in field by field. */
    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.statusCode = statusCode; b.statusMessage = statusMessage; b.processTime = processTime; b.ip = ip; b.port = port;
        b.version = version; b.nonce = nonce; b.uuid = uuid; b.hotkey = hotkey; b.signature = signature;
        return b;
    }

    public TerminalInfo withStatus(int code, String message) { return toBuilder().statusCode(code).statusMessage(message).build(); }

    public TerminalInfo withProcessTime(double seconds) { return toBuilder().processTime(seconds).build(); }

    /** Every non-null field of {@code over} laid over this terminal's. */
    public TerminalInfo overlaidWith(TerminalInfo over) {
        Builder b = toBuilder();
        if (over.statusCode != null) b.statusCode = over.statusCode;
        if (over.statusMessage != null) b.statusMessage = over.statusMessage;
        if (over.processTime != null) b.processTime = over.processTime;
        if (over.ip != null) b.ip = over.ip;
        if (over.port != null) b.port = over.port;
        if (over.version != null) b.version = over.version;
        if (over.nonce != null) b.nonce = over.nonce;
        if (over.uuid != null) b.uuid = over.uuid;
        if (over.hotkey != null) b.hotkey = over.hotkey;
        if (over.signature != null) b.signature = over.signature;
        return b.build();
    }

    /** A terminal field by field (all optional, as on the wire). */
    public static final class Builder {
        private Integer statusCode;
        private String statusMessage;
        private Double processTime;
        private String ip;
        private Integer port;
        private Long version;
        private Long nonce;
        private String uuid;
        private String hotkey;
        private String signature;

        private Builder() {}

        public Builder statusCode(Integer v) { statusCode = v; return this; }
        public Builder statusMessage(String v) { statusMessage = v; return this; }
        public Builder processTime(Double v) { processTime = v; return this; }
        public Builder ip(String v) { ip = v; return this; }
        public Builder port(Integer v) { port = v; return this; }
        public Builder version(Long v) { version = v; return this; }
        public Builder nonce(Long v) { nonce = v; return this; }
        public Builder uuid(String v) { uuid = v; return this; }
        public Builder hotkey(String v) { hotkey = v; return this; }
        public Builder signature(String v) { signature = v; return this; }

        public TerminalInfo build() {
            return new TerminalInfo(statusCode, statusMessage, processTime, ip, port, version, nonce, uuid, hotkey, signature);
        }
    }
}
