package org.cgp.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Bittensor's {@code computed_body_hash} (its Synapse.body_hash): SHA3-256 over the concatenated
 * lowercase-hex SHA3-256 digests of {@code str(value)} of each hash field, in the field list's order.
 * With no hash fields it is SHA3-256 of the empty string.
 */
public final class BodyHash {
    /** SHA3-256(""), the hash of every synapse without hash fields (CgSynapse among them). */
    public static final String EMPTY = "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a";

    private BodyHash() {}

    /** The hash of {@code synapseJson}'s hash fields (a missing field counts as None). */
    public static String of(JsonNode synapseJson, List<String> hashFields) {
        if (hashFields.isEmpty()) return EMPTY;
        StringBuilder concatenated = new StringBuilder(64 * hashFields.size());
        for (String field : hashFields) {
            concatenated.append(sha3Hex(PyStr.str(synapseJson.get(field))));
        }
        return sha3Hex(concatenated.toString());
    }

    /** The hash of already-dumped field values, in order. */
    public static String ofValues(List<JsonNode> values) {
        if (values.isEmpty()) return EMPTY;
        StringBuilder concatenated = new StringBuilder(64 * values.size());
        for (JsonNode v : values) concatenated.append(sha3Hex(PyStr.str(v)));
        return sha3Hex(concatenated.toString());
    }

    static String sha3Hex(String text) {
        try {
            MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
            return HexFormat.of().formatHex(sha3.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA3-256", e);
        }
    }
}
