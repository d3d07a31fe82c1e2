package org.cgp.protocol.axon;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Base64;
import java.util.Map;
import org.cgp.protocol.synapse.TerminalInfo;
import org.cgp.protocol.wire.BtHeaders;
import org.cgp.protocol.wire.BtHeaders.HeaderFormatException;
import org.cgp.protocol.wire.SynapseWireSpec;

/**
 * The synapse fields a request carries in its headers (bittensor's Synapse.to_headers), parsed the way the
 * Python axon's {@code from_headers} does: numbers must parse, every required field needs its
 * {@code bt_header_input_obj_*} header. Names are matched case-insensitively.
 */
record InboundHeaders(Double timeout, Long totalSize, Long headerSize, String computedBodyHash,
                      TerminalInfo dendrite, TerminalInfo axon) {

    /** @throws HeaderFormatException for a bad number or a missing/undecodable input object header */
    static InboundHeaders parse(HttpHeaders headers, SynapseWireSpec spec) {
        java.util.function.Function<String, String> get = headers::get;
        Double timeout = BtHeaders.parseFloat(get, BtHeaders.TIMEOUT);
        Long totalSize = BtHeaders.parseLong(get, BtHeaders.TOTAL_SIZE);
        Long headerSize = BtHeaders.parseLong(get, BtHeaders.HEADER_SIZE);
        TerminalInfo dendrite = BtHeaders.parseTerminal(get, BtHeaders.DENDRITE_PREFIX);
        TerminalInfo axon = BtHeaders.parseTerminal(get, BtHeaders.AXON_PREFIX);
        for (Map.Entry<String, String> field : spec.requiredFields().entrySet()) {
            String name = BtHeaders.INPUT_OBJ_PREFIX + field.getKey();
            String value = headers.get(name);
            if (value == null) throw new HeaderFormatException(name, "missing (required field " + field.getKey() + ")");
            try {
                Base64.getDecoder().decode(value.strip());
            } catch (IllegalArgumentException e) {
                throw new HeaderFormatException(name, "not base64");
            }
        }
        String hash = headers.get(BtHeaders.COMPUTED_BODY_HASH);
        return new InboundHeaders(timeout, totalSize, headerSize, hash == null ? "" : hash, dendrite, axon);
    }
}
