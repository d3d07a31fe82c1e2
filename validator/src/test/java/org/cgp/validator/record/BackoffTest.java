package org.cgp.validator.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromTheFirstWaitToTheCeilingAndStartsAgainAfterASuccess() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), false);
        assertThat(b.failed()).isEqualTo(1_000);
        assertThat(b.failed()).isEqualTo(2_000);
        assertThat(b.failed()).isEqualTo(4_000);
        for (int i = 0; i < 40; i++) b.failed();
        assertThat(b.failed()).as("no overflow past 2^30 doublings").isEqualTo(60_000);
        b.succeeded();
        assertThat(b.failures()).isZero();
        assertThat(b.failed()).isEqualTo(1_000);
    }

    @Test
    void jitterAddsAtMostAQuarter() {
        Backoff b = new Backoff(Duration.ofSeconds(4), Duration.ofMinutes(5), true);
        for (int i = 1; i <= 10; i++) {
            long base = Backoff.millis(Duration.ofSeconds(4), Duration.ofMinutes(5), i);
            assertThat(b.failed()).isBetween(base, base + base / 4);
        }
    }

    @Test
    void aCeilingBelowTheFirstWaitIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
