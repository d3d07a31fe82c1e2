package org.cgp.validator.record;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one backoff rule of the validator: after the n-th failure in a row, wait
 * {@code first * 2^(n-1)}, at most {@code max}, plus up to a quarter more at random when jittered
 * (so validators that failed together do not come back together); a success starts again from
 * {@code first}. Used by the step loop, the CGP API recorder and the store. One owner each; not
 * thread-safe.
 */
public final class Backoff {
    private final Duration first;
    private final Duration max;
    private final boolean jitter;
    private int failures;

    public Backoff(Duration first, Duration max, boolean jitter) {
        if (first.isNegative() || max.compareTo(first) < 0) throw new IllegalArgumentException("a backoff needs 0 <= first <= max");
        this.first = first;
        this.max = max;
        this.jitter = jitter;
    }

    /** The wait after the {@code failures}-th failure in a row, without jitter: {@code first * 2^(failures-1)}, at most {@code max}. */
    public static long millis(Duration first, Duration max, int failures) {
        long base = Math.max(1, first.toMillis());
        int doublings = Math.min(Math.max(0, failures - 1), 30);
        long wait = base << doublings;
        return wait > 0 ? Math.min(max.toMillis(), wait) : max.toMillis();
    }

    /** Counts a failure and returns the wait, in milliseconds, before the next try. */
    public long failed() {
        failures++;
        long wait = millis(first, max, failures);
        return jitter ? wait + ThreadLocalRandom.current().nextLong(wait / 4 + 1) : wait;
    }

    /** A success: the next failure waits {@code first} again. */
    public void succeeded() { failures = 0; }

    /** Failures since the last success. */
    public int failures() { return failures; }
}
