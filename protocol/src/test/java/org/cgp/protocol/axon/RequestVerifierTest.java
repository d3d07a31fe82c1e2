package org.cgp.protocol.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.TerminalInfo;
import org.cgp.protocol.wire.BodyHash;
import org.cgp.protocol.wire.NonceClock;
import org.cgp.protocol.wire.SignedMessages;
import org.junit.jupiter.api.Test;

class RequestVerifierTest {
    private static final Keypair AXON = Keypair.fromUri("//Bob");
    private static final Keypair CALLER = Keypair.fromUri("//Alice");
    private static final long T0 = 1_800_000_000_000_000_000L;

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private volatile Instant now = Instant.ofEpochSecond(0, T0);

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    private final HandClock clock = new HandClock();
    private final RequestVerifier verifier =
            new RequestVerifier(AXON.ss58Address(), new NonceClock(clock), Duration.ofSeconds(12));

    private static TerminalInfo signed(long nonce, Long version, String uuid) {
        String message = SignedMessages.request(nonce, CALLER.ss58Address(), AXON.ss58Address(), uuid, BodyHash.EMPTY);
        String sig = SignedMessages.toHex(CALLER.sign(message.getBytes(StandardCharsets.UTF_8)));
        return new TerminalInfo(null, null, null, "127.0.0.1", 1, version, nonce, uuid, CALLER.ss58Address(), sig);
    }

    @Test
    void aFreshSignedNonceIsAcceptedOnceThenRefused() {
        TerminalInfo d = signed(T0 - 1_000_000_000L, 10_002_000L, "u");
        verifier.verify(d, 12.0, BodyHash.EMPTY);
        assertThatThrownBy(() -> verifier.verify(d, 12.0, BodyHash.EMPTY))
                .hasMessage("Not Verified with error: Nonce is too old, a newer one was last processed");
        assertThat(verifier.remembered()).isEqualTo(1);
    }

    @Test
    void aLongUuidIsRefusedBeforeItIsRemembered() {
        for (int i = 0; i < 100; i++) {
            TerminalInfo d = signed(T0 - 1_000_000_000L, 10_002_000L, i + "x".repeat(15_000));
            assertThatThrownBy(() -> verifier.verify(d, 12.0, BodyHash.EMPTY)).hasMessageContaining("uuid of 150");
        }
        assertThat(verifier.remembered()).as("nothing pinned").isZero();
        verifier.verify(signed(T0 - 1_000_000_000L, 10_002_000L, java.util.UUID.randomUUID().toString()), 12.0, BodyHash.EMPTY);
        assertThat(verifier.remembered()).isEqualTo(1);
    }

    @Test
    void theUnsignedTimeoutCannotWidenTheWindowPastTheForwardTimeout() {
        TerminalInfo d = signed(T0 - 30_000_000_000L, 10_002_000L, "u");
        assertThatThrownBy(() -> verifier.verify(d, 100_000.0, BodyHash.EMPTY))
                .hasMessage("Not Verified with error: Nonce is too old: acceptable delta is 16.00 seconds but"
                        + " request was 30.00 seconds old");
    }

    @Test
    void forgottenNoncesStillCannotBeReplayed() {
        TerminalInfo d = signed(T0 - 1_000_000L, 10_002_000L, "u");
        verifier.verify(d, 12.0, BodyHash.EMPTY);
        clock.advance(Duration.ofMinutes(11));
        verifier.forgetOldNonces();
        assertThat(verifier.remembered()).isZero();
        assertThatThrownBy(() -> verifier.verify(d, 12.0, BodyHash.EMPTY))
                .hasMessageStartingWith("Not Verified with error: Nonce is too old: acceptable delta is 16.00 seconds");
    }

    @Test
    void aRequestReplayedWithItsVersionLoweredIsRefused() {
        TerminalInfo d = signed(T0 - 1_000_000L, 10_002_000L, "u");
        verifier.verify(d, 12.0, BodyHash.EMPTY);
        TerminalInfo downgraded = new TerminalInfo(null, null, null, d.ip(), d.port(), 7_001_000L, d.nonce(), d.uuid(), d.hotkey(), d.signature());
        clock.advance(Duration.ofMinutes(11));
        verifier.forgetOldNonces();
        assertThatThrownBy(() -> verifier.verify(downgraded, 12.0, BodyHash.EMPTY))
                .hasMessage("Not Verified with error: dendrite version 7001000 is older than 7.2.0; requests without time-based nonces are refused");
        // a fresh verifier (a restarted axon) refuses it too, downgraded or not
        RequestVerifier restarted = new RequestVerifier(AXON.ss58Address(), new NonceClock(clock), Duration.ofSeconds(12));
        assertThatThrownBy(() -> restarted.verify(downgraded, 12.0, BodyHash.EMPTY)).hasMessageContaining("older than 7.2.0");
        assertThatThrownBy(() -> restarted.verify(d, 12.0, BodyHash.EMPTY)).hasMessageStartingWith("Not Verified with error: Nonce is too old: acceptable delta");
    }

    @Test
    void everyRequestMustBeFreshNotJustTheFirst() {
        verifier.verify(signed(T0 - 1_000_000L, 10_002_000L, "u"), 12.0, BodyHash.EMPTY);
        clock.advance(Duration.ofSeconds(60));
        // newer than the last nonce from this uuid, but a minute old: Python would take it
        assertThatThrownBy(() -> verifier.verify(signed(T0, 10_002_000L, "u"), 12.0, BodyHash.EMPTY))
                .hasMessageStartingWith("Not Verified with error: Nonce is too old: acceptable delta is 16.00 seconds");
    }

    @Test
    void farFutureNoncesAreRefusedSoTheyCannotFillTheMap() {
        for (int i = 0; i < 100; i++) {
            long future = T0 + Duration.ofDays(365).toNanos() + i;
            assertThatThrownBy(() -> verifier.verify(signed(future, 10_002_000L, "f"), 12.0, BodyHash.EMPTY))
                    .hasMessageContaining("ahead of this axon's clock");
        }
        assertThat(verifier.remembered()).isZero();
        verifier.verify(signed(T0 + 2_000_000_000L, 10_002_000L, "skew"), 12.0, BodyHash.EMPTY); // 2 s of clock skew is fine
    }

    @Test
    void anOverlongHotkeyIsRefusedBeforeDecoding() {
        TerminalInfo good = signed(T0, 10_002_000L, "u");
        String huge = "5" + "z".repeat(15_000);
        TerminalInfo bad = new TerminalInfo(null, null, null, null, null, 10_002_000L, T0, "u", huge, good.signature());
        assertThatThrownBy(() -> verifier.verify(bad, 12.0, BodyHash.EMPTY)) // the length check, not the decoder, refused it
                .hasMessage("Not Verified with error: dendrite hotkey of 15001 characters is no SS58 address");
    }

    @Test
    void preWallClockDendritesAreOnlyMonotonicAndNeverForgottenWhenAllowed() {
        RequestVerifier verifier = new RequestVerifier(AXON.ss58Address(), new NonceClock(clock), Duration.ofSeconds(12), true);
        verifier.verify(signed(5, null, "old"), 12.0, BodyHash.EMPTY); // a monotonic_ns nonce, no version
        clock.advance(Duration.ofHours(1));
        verifier.forgetOldNonces();
        assertThat(verifier.remembered()).isEqualTo(1);
        assertThatThrownBy(() -> verifier.verify(signed(5, null, "old"), 12.0, BodyHash.EMPTY))
                .hasMessageEndingWith("a newer one was last processed");
        verifier.verify(signed(6, null, "old"), 12.0, BodyHash.EMPTY);
    }

    @Test
    void ofManyRacingCopiesOfOneRequestExactlyOnePasses() throws Exception {
        TerminalInfo d = signed(T0 - 1_000L, 10_002_000L, "race");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        verifier.verify(d, 12.0, BodyHash.EMPTY);
                        return true;
                    } catch (AxonRejection r) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int passed = 0;
            for (Future<Boolean> f : outcomes) if (f.get()) passed++;
            assertThat(passed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedIdentityFieldsAreNamed() {
        TerminalInfo good = signed(T0, 10_002_000L, "u");
        TerminalInfo badKey = new TerminalInfo(null, null, null, null, null, 10_002_000L, T0, "u", "5notanaddress", good.signature());
        assertThatThrownBy(() -> verifier.verify(badKey, 12.0, BodyHash.EMPTY))
                .hasMessageStartingWith("Not Verified with error: SS58 address '5notanaddress'");
        TerminalInfo noPrefix = new TerminalInfo(null, null, null, null, null, 10_002_000L, T0, "u",
                good.hotkey(), good.signature().substring(2));
        assertThatThrownBy(() -> verifier.verify(noPrefix, 12.0, BodyHash.EMPTY))
                .hasMessage("Not Verified with error: Invalid signature format. Expected hex string.");
        TerminalInfo noHotkey = new TerminalInfo(null, null, null, null, null, 10_002_000L, T0, "u", null, good.signature());
        assertThatThrownBy(() -> verifier.verify(noHotkey, 12.0, BodyHash.EMPTY))
                .hasMessage("Not Verified with error: Missing dendrite hotkey");
    }
}
