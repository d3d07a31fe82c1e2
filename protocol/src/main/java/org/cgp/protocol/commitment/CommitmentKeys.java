package org.cgp.protocol.commitment;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cgp.protocol.internal.nacl.SealedBox;

/**
 * The X25519 keys of endpoint commitments. Miners seal to the subnet's public key (built in for
 * netuid 33 and 138, as the live miners have them; {@code COMMITMENT_PUBLIC_KEY} overrides, and a
 * set-but-empty value turns commitments off); validators open with {@code COMMITMENT_PRIVATE_KEY},
 * which the subnet's owners hand out (the testnet one is published in CGP's env.example).
 */
public final class CommitmentKeys {
    /** The environment variable a miner's public key comes from. */
    public static final String PUBLIC_KEY_ENV = "COMMITMENT_PUBLIC_KEY";
    /** The environment variable a validator's private key comes from. */
    public static final String PRIVATE_KEY_ENV = "COMMITMENT_PRIVATE_KEY";

    /** The public keys built into the live miner (conversationgenome/base/miner.py:107-110). */
    private static final Map<Integer, String> BUILT_IN = Map.of(
            33, "aadbfa93972378fbc1bd8e854bc6fb915bb57506f56c17f0531647a127a0bd69",
            138, "2c068a9b7c3480225ab56888227218228d803208f26bfbd8c875a919467a7516");

    private CommitmentKeys() {}

    /** The built-in public key of {@code netuid}, if it has one. */
    public static Optional<byte[]> builtIn(int netuid) {
        return Optional.ofNullable(BUILT_IN.get(netuid)).map(HexFormat.of()::parseHex);
    }

    /**
     * The public key a miner on {@code netuid} seals to: {@code override} when it is set (empty:
     * none, commitments off), else the built-in one. A malformed override names {@code source}.
     */
    public static Optional<byte[]> minerPublicKey(int netuid, String override, String source) {
        if (override == null) return builtIn(netuid);
        if (override.isBlank()) return Optional.empty();
        return Optional.of(parseKey(override, source));
    }

    /** 32 bytes of hex (an optional 0x prefix), or an {@link IllegalArgumentException} naming {@code source} but never the value. */
    public static byte[] parseKey(String hex, String source) {
        String h = hex.strip();
        if (h.startsWith("0x") || h.startsWith("0X")) h = h.substring(2);
        if (h.length() != 64 || !h.toLowerCase(Locale.ROOT).matches("[0-9a-f]+")) {
            throw new IllegalArgumentException(source + " must be 32 bytes of hex (64 characters), got " + h.length() + " characters"
                    + (h.matches("[0-9a-fA-F]*") ? "" : " that are not all hex"));
        }
        return HexFormat.of().parseHex(h);
    }

    /** A fresh random private key (for a local or test subnet). */
    public static byte[] newPrivateKey() { return SealedBox.newPrivateKey(); }

    /** The public key of a private key (to show an operator which key a validator holds). */
    public static byte[] publicKeyOf(byte[] privateKey) { return SealedBox.publicKey(privateKey); }
}
