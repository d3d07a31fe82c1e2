package org.cgp.protocol.axon;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.keys.Ss58;
import org.cgp.protocol.synapse.TerminalInfo;
import org.cgp.protocol.wire.NonceClock;
import org.cgp.protocol.wire.ProtocolVersion;
import org.cgp.protocol.wire.SignedMessages;

/**
 * The axon's {@code default_verify} (bittensor 9's axon.py): nonce present, fresh (4 s + timeout on
 * first contact for dendrites from 7.2.0 on), strictly above the last one per {@code hotkey:uuid},
 * and an sr25519 signature by the claimed hotkey over
 * {@code nonce.dendriteHotkey.axonHotkey.uuid.bodyHash}. Unlike Python 9.3+, a missing signature
 * is refused. Each failure is an {@link AxonRejection} 401 with the Python detail text.
 *
 * <p>Hardenings over Python, each closing a replay:
 * <ul>
 *   <li>The version header is not signed, and below 7.2.0 Python skips the freshness check, so a
 *       captured request re-sent with its version lowered would pass once its nonce was forgotten or
 *       the axon restarted. Requests from dendrites older than 7.2.0 are refused unless
 *       {@code allowLegacyNonces} (then they are checked for strictly increasing nonces only, and
 *       their entries are never forgotten).</li>
 *   <li>The freshness window (4 s + timeout) applies to every request, not just the first from a
 *       {@code hotkey:uuid}; so a forgotten entry, or a restart, can never let an old request in.</li>
 *   <li>The {@code timeout} header is not signed either, so the timeout that widens the window is
 *       capped at the axon's forward timeout.</li>
 *   <li>A nonce more than that window ahead of the axon's clock is refused, so far-future nonces
 *       cannot pin entries in the map; entries older than {@link #FORGET_AFTER} are forgotten, which
 *       keeps the map bounded by the recently active callers.</li>
 *   <li>A hotkey longer than any SS58 address is refused before it is decoded (decoding is
 *       quadratic in the length).</li>
 * </ul>
 */
final class RequestVerifier {
    static final long ALLOWED_DELTA_NANOS = 4_000_000_000L;
    /**
     * A wall-clock nonce this old can never pass the freshness check again, so its entry may go
     * (or twice the widest window, if that is longer).
     */
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    private static final int PRUNE_EVERY = 4096;
    /** No SS58 address is longer (a 2-byte prefix, 32-byte key and 2-byte checksum give at most 50). */
    static final int MAX_SS58_LENGTH = 64;

    private final String axonHotkey;
    private final NonceClock clock;
    private final double maxTimeoutSeconds;
    private final long forgetAfterNanos;
    private final ConcurrentMap<String, LastNonce> lastNonce = new ConcurrentHashMap<>();
    private final AtomicLong stores = new AtomicLong();
    private final boolean allowLegacyNonces;

    /**
     * The longest dendrite uuid accepted (bittensor's is a 36-character UUID): the nonce map is keyed
     * by hotkey and uuid for 10 minutes, so a caller rotating long uuids would otherwise pin memory.
     */
    static final int MAX_UUID_LENGTH = 64;

    /** The newest nonce seen from one {@code hotkey:uuid}, and whether it is wall-clock time. */
    private record LastNonce(long nonce, boolean wallClock) {}

    RequestVerifier(String axonHotkey, NonceClock clock, Duration maxTimeout) {
        this(axonHotkey, clock, maxTimeout, false);
    }

    /** @param allowLegacyNonces accept dendrites older than 7.2.0 (nonces that carry no time), as Python does */
    RequestVerifier(String axonHotkey, NonceClock clock, Duration maxTimeout, boolean allowLegacyNonces) {
        this.allowLegacyNonces = allowLegacyNonces;
        this.axonHotkey = axonHotkey;
        this.clock = clock;
        this.maxTimeoutSeconds = maxTimeout.toNanos() / 1e9;
        this.forgetAfterNanos = Math.max(FORGET_AFTER.toNanos(), 2 * (ALLOWED_DELTA_NANOS + maxTimeout.toNanos()));
    }

    void verify(TerminalInfo dendrite, double timeoutSeconds, String bodyHash) {
        Long nonce = dendrite.nonce();
        if (nonce == null) throw notVerified("Missing Nonce");
        String hotkey = dendrite.hotkey();
        if (hotkey == null || hotkey.isEmpty()) throw notVerified("Missing dendrite hotkey");
        if (hotkey.length() > MAX_SS58_LENGTH) throw notVerified("dendrite hotkey of " + hotkey.length() + " characters is no SS58 address");
        boolean wallClock = dendrite.version() != null && dendrite.version() >= ProtocolVersion.WALL_CLOCK_NONCES;
        if (!wallClock && !allowLegacyNonces) {
            throw notVerified("dendrite version " + dendrite.version() + " is older than 7.2.0; requests without time-based nonces are refused");
        }
        byte[] publicKey;
        try {
            publicKey = Ss58.decode(hotkey);
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage();
            throw notVerified(reason.length() > 200 ? reason.substring(0, 200) + "..." : reason);
        }
        String signatureText = dendrite.signature();
        if (signatureText == null || signatureText.isEmpty()) throw notVerified("Missing signature");
        byte[] signature;
        try {
            signature = SignedMessages.fromHex(signatureText);
        } catch (IllegalArgumentException e) {
            throw notVerified(e.getMessage());
        }
        String uuid = dendrite.uuid();
        if (uuid != null && uuid.length() > MAX_UUID_LENGTH) {
            throw notVerified("dendrite uuid of " + uuid.length() + " characters (a dendrite's is 36)");
        }
        String endpointKey = hotkey + ":" + uuid;
        double windowTimeout = Double.isNaN(timeoutSeconds) ? 0 : Math.min(Math.max(0, timeoutSeconds), maxTimeoutSeconds);
        long allowedDelta = ALLOWED_DELTA_NANOS + (long) (windowTimeout * 1e9);

        checkNonce(nonce, lastNonce.get(endpointKey), wallClock, allowedDelta);

        String message = SignedMessages.request(nonce, hotkey, axonHotkey, uuid, bodyHash);
        if (!Keypair.verify(publicKey, message.getBytes(StandardCharsets.UTF_8), signature)) {
            throw notVerified("Signature mismatch with " + message + " and " + signatureText);
        }

        // check again and store in one step: of two requests racing with the same nonce, one wins
        boolean[] stored = {false};
        lastNonce.compute(endpointKey, (k, previous) -> {
            if (isFresh(nonce, wallClock, allowedDelta) && (previous == null || nonce > previous.nonce())) {
                stored[0] = true;
                return new LastNonce(nonce, wallClock);
            }
            return previous;
        });
        if (!stored[0]) throw notVerified("Nonce is too old, a newer one was last processed");
        if (stores.incrementAndGet() % PRUNE_EVERY == 0) forgetOldNonces();
    }

    /** Drops remembered wall-clock nonces older than {@link #FORGET_AFTER}; they fail the freshness check anyway. */
    void forgetOldNonces() {
        long horizon = clock.nowNanos() - forgetAfterNanos;
        lastNonce.values().removeIf(last -> last.wallClock() && last.nonce() < horizon);
    }

    int remembered() {
        return lastNonce.size();
    }

    private void checkNonce(long nonce, LastNonce previous, boolean wallClock, long allowedDelta) {
        if (wallClock) {
            long now = clock.nowNanos();
            if (nonce <= now - allowedDelta) {
                throw notVerified(String.format(Locale.ROOT,
                        "Nonce is too old: acceptable delta is %.2f seconds but request was %.2f seconds old",
                        allowedDelta / 1e9, (now - nonce) / 1e9));
            }
            if (nonce > now + allowedDelta) {
                throw notVerified(String.format(Locale.ROOT, "Nonce is %.2f seconds ahead of this axon's clock (at most %.2f allowed)",
                        (nonce - now) / 1e9, allowedDelta / 1e9));
            }
        }
        if (previous != null && nonce <= previous.nonce()) {
            throw notVerified("Nonce is too old, a newer one was last processed");
        }
    }

    /** Within the window on both sides of the axon's clock (always true for legacy nonces, which carry no time). */
    private boolean isFresh(long nonce, boolean wallClock, long allowedDelta) {
        if (!wallClock) return true;
        long now = clock.nowNanos();
        return nonce > now - allowedDelta && nonce <= now + allowedDelta;
    }

    private static AxonRejection notVerified(String detail) {
        return new AxonRejection(401, "Not Verified with error: " + detail);
    }
}
