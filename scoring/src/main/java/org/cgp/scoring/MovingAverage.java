package org.cgp.scoring;

import java.util.Arrays;

/**
 * The per-uid moving average of rewards (CGP's Python validator): for each queried uid, a zero
 * reward dampens the average by {@code (1 - alpha/2)}, any other reward r gives {@code alpha r +
 * (1 - alpha) ema}. NaN, infinite and negative rewards count as 0. Uids not queried are unchanged.
 * When a uid appears twice in one update its last reward is used, once (numpy scatter semantics).
 *
 * <p>Mutable by design, owned by one validator thread; {@link #values()} returns a copy.
 */
public final class MovingAverage {
    /** The subnet's alpha ({@code --neuron.moving_average_alpha}). */
    public static final double DEFAULT_ALPHA = 0.1;

    private final double alpha;
    private double[] ema;

    public MovingAverage(double alpha, double[] initial) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("moving average alpha must be in (0, 1], got " + alpha);
        }
        this.alpha = alpha;
        this.ema = new double[initial.length];
        for (int i = 0; i < initial.length; i++) {
            double v = initial[i];
            ema[i] = Double.isFinite(v) && v > 0 ? v : 0;
        }
    }

    /** {@code n} uids at 0 with alpha 0.1. */
    public static MovingAverage zeros(int n) {
        return new MovingAverage(DEFAULT_ALPHA, new double[n]);
    }

    /** Applies the rewards of one window to the given uids. */
    public void update(int[] uids, double[] rewards) {
        if (uids.length != rewards.length) {
            throw new IllegalArgumentException(uids.length + " uids but " + rewards.length + " rewards");
        }
        for (int uid : uids) {
            if (uid < 0 || uid >= ema.length) {
                throw new IllegalArgumentException("uid " + uid + " is outside 0.." + (ema.length - 1)
                        + " (resize the moving average when the metagraph grows)");
            }
        }
        next:
        for (int i = 0; i < uids.length; i++) {
            int uid = uids[i];
            for (int j = i + 1; j < uids.length; j++) {
                if (uids[j] == uid) {
                    continue next; // a later entry for the same uid wins
                }
            }
            double r = rewards[i];
            if (!Double.isFinite(r) || r < 0) {
                r = 0;
            }
            if (r == 0) {
                ema[uid] = (1 - alpha / 2) * ema[uid];
            } else {
                ema[uid] = alpha * r + (1 - alpha) * ema[uid];
            }
        }
    }

    /** Grows to n uids (new uids start at 0); never shrinks. */
    public void resize(int n) {
        if (n > ema.length) {
            ema = Arrays.copyOf(ema, n);
        }
    }

    /** Zeroes a uid (its hotkey changed). */
    public void reset(int uid) {
        if (uid < 0 || uid >= ema.length) {
            throw new IllegalArgumentException("uid " + uid + " is outside 0.." + (ema.length - 1));
        }
        ema[uid] = 0;
    }

    public double alpha() {
        return alpha;
    }

    public int size() {
        return ema.length;
    }

    public double value(int uid) {
        return ema[uid];
    }

    /** A copy of the averages, indexed by uid. */
    public double[] values() {
        return ema.clone();
    }
}
