package org.cgp.protocol.commitment;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.cgp.protocol.internal.nacl.SealedBox;

/**
 * A miner's endpoint as the live subnet commits it (CGP 2.37 {@code commitment/commitment.py}): a
 * NaCl sealed box of the UTF-8 text {@code "<hotkey SS58>|<ip>:<port>"} to the subnet's X25519
 * public key, published as the {@code Raw} field of {@code Commitments.set_commitment} and opened
 * by validators with the private key. The hotkey inside binds it to the miner that published it:
 * a copy under another hotkey is refused.
 */
public final class EndpointCommitment {
    /** The largest {@code Data::Raw} field the chain holds. */
    public static final int MAX_RAW_BYTES = 128;
    /** The largest plaintext that fits: {@link #MAX_RAW_BYTES} less the sealed box's 48 bytes. */
    public static final int MAX_PLAINTEXT_BYTES = MAX_RAW_BYTES - SealedBox.OVERHEAD;

    private EndpointCommitment() {}

    /** Seals {@code hotkey|ip:port} to {@code publicKey}; refuses a text that would not fit the chain's Raw field. */
    public static byte[] seal(byte[] publicKey, String hotkey, String ip, int port) {
        if (hotkey == null || hotkey.isBlank() || hotkey.contains("|")) throw new IllegalArgumentException("the hotkey must be an SS58 address");
        if (ip == null || ip.isBlank()) throw new IllegalArgumentException("the ip is empty");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("the port must be 1-65535, got " + port);
        byte[] text = (hotkey + "|" + ip + ":" + port).getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("hotkey|ip:port is " + text.length + " bytes; a commitment holds at most " + MAX_PLAINTEXT_BYTES
                    + " (the chain's Raw field is " + MAX_RAW_BYTES + " bytes; an IPv6 address rarely fits: use IPv4)");
        }
        return SealedBox.seal(text, publicKey);
    }

    /**
     * Opens a commitment with the validators' private key. With {@code expectedHotkey} (the hotkey
     * it is stored under) a commitment sealed for another hotkey is refused, as the live validators
     * refuse it. The IP text is not checked (neither do they); the port must be 1-65535.
     */
    public static CommittedEndpoint open(byte[] privateKey, byte[] raw, String expectedHotkey) {
        byte[] plain;
        try {
            plain = SealedBox.open(raw, privateKey);
        } catch (SealedBox.OpenFailed e) {
            throw new CommitmentException(CommitmentException.Reason.UNDECRYPTABLE, e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plain)).toString();
        } catch (CharacterCodingException e) {
            throw new CommitmentException(CommitmentException.Reason.MALFORMED, "the decrypted bytes are not UTF-8");
        }
        int bar = text.indexOf('|');
        if (bar < 0) throw new CommitmentException(CommitmentException.Reason.MALFORMED, "missing hotkey (old format no longer supported)");
        String hotkey = text.substring(0, bar);
        if (expectedHotkey != null && !expectedHotkey.isEmpty() && !hotkey.equals(expectedHotkey)) {
            throw new CommitmentException(CommitmentException.Reason.HOTKEY_MISMATCH, "sealed for " + prefix(hotkey) + "..., stored under "
                    + prefix(expectedHotkey) + "... (a copied commitment)");
        }
        String endpoint = text.substring(bar + 1);
        int colon = endpoint.lastIndexOf(':');
        if (colon < 0) throw new CommitmentException(CommitmentException.Reason.MALFORMED, "no :port after the ip");
        String ip = endpoint.substring(0, colon);
        String port = endpoint.substring(colon + 1);
        if (ip.isBlank() || ip.chars().anyMatch(c -> c <= ' ' || c == '/' || c == 0x7f)) {
            throw new CommitmentException(CommitmentException.Reason.MALFORMED, "the ip is empty or holds spaces, control characters or '/'");
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new CommitmentException(CommitmentException.Reason.MALFORMED, "the port is not 1-65535");
        }
        return new CommittedEndpoint(ip, Integer.parseInt(port));
    }

    private static String prefix(String hotkey) {
        String clean = hotkey.codePoints().filter(c -> c > ' ' && c < 0x7f).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString();
        return clean.substring(0, Math.min(8, clean.length()));
    }
}
