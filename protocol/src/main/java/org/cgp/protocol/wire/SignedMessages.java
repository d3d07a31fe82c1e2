package org.cgp.protocol.wire;

import java.util.HexFormat;

/**
 * The strings Bittensor signs (bittensor's dendrite and axon) and the {@code 0x}-hex signature text.
 */
public final class SignedMessages {
    public static final int SIGNATURE_BYTES = 64;

    private SignedMessages() {}

    /** What the dendrite signs: {@code nonce.dendriteHotkey.axonHotkey.uuid.bodyHash}. */
    public static String request(long nonce, String dendriteHotkey, String axonHotkey, String dendriteUuid,
                                 String bodyHash) {
        return nonce + "." + dendriteHotkey + "." + axonHotkey + "." + dendriteUuid + "." + bodyHash;
    }

    /** What the axon signs: {@code axonNonce.dendriteHotkey.axonHotkey.axonUuid} (no body hash). */
    public static String axon(long axonNonce, String dendriteHotkey, String axonHotkey, String axonUuid) {
        return axonNonce + "." + dendriteHotkey + "." + axonHotkey + "." + axonUuid;
    }

    /** {@code 0x} + lowercase hex. */
    public static String toHex(byte[] signature) {
        return "0x" + HexFormat.of().formatHex(signature);
    }

    /**
     * The 64 signature bytes of a {@code 0x}-hex text (either case).
     *
     * @throws IllegalArgumentException when the prefix, length or digits are wrong
     */
    public static byte[] fromHex(String text) {
        if (text == null || !(text.startsWith("0x") || text.startsWith("0X"))
                || text.length() != 2 + 2 * SIGNATURE_BYTES) {
            throw new IllegalArgumentException("Invalid signature format. Expected hex string.");
        }
        try {
            return HexFormat.of().parseHex(text, 2, text.length());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid signature format. Expected hex string.");
        }
    }
}
