package org.cgp.scoring;

import java.util.Arrays;

/**
 * The rank-based "transposed cubic" weights of CGP's Python validator, with an optional burn uid.
 *
 * <p>Uids with a positive score are ranked by score, highest first (m of them, the burn uid left
 * out); rank i gets {@code 0.001 + 0.002 (x^3 + 1) / 2} with {@code x = 2 (m - i - 1) / m - 1};
 * the weights are scaled to sum {@code 1 - burnRate} and the burn uid gets {@code burnRate}.
 * Uids with score 0 (or NaN, infinite, negative) get 0. Only the rank matters, not the size.
 *
 * <p>Differences from the original, on purpose: ties among positive scores are broken by uid
 * (lower uid ranks higher) instead of at random, so results are reproducible; NaN scores count as
 * 0 instead of failing the whole vector; when no uid has a positive score the result is all 0
 * (nothing to set), or, with a burn uid and a positive rate, everything goes to the burn uid.
 */
public final class CubicWeights {
    private CubicWeights() {}

    /** Cubic weights without burn; sums to 1, or all 0 when no score is positive. */
    public static double[] of(double[] scores) {
        return compute(scores, -1, 0);
    }

    /** Cubic weights with {@code burnRate} (in [0, 1]) sent to {@code burnUid}. */
    public static double[] of(double[] scores, int burnUid, double burnRate) {
        if (burnUid < 0 || burnUid >= scores.length) {
            throw new IllegalArgumentException("burn uid " + burnUid + " is outside 0.." + (scores.length - 1));
        }
        if (!(burnRate >= 0 && burnRate <= 1)) {
            throw new IllegalArgumentException("burn rate must be in [0, 1], got " + burnRate);
        }
        return compute(scores, burnUid, burnRate);
    }

    /** The raw transposed-cubic value of rank {@code i} (0 = best) among {@code m}. */
    public static double rankWeight(int i, int m) {
        double x = 2.0 * (m - i - 1) / m - 1.0;
        return 0.001 + 0.002 * (x * x * x + 1.0) / 2.0;
    }

    private static double[] compute(double[] raw, int burnUid, double burnRate) {
        double[] scores = RewardDistribution.sanitised(raw);
        int n = scores.length;
        double[] out = new double[n];
        Integer[] ranked = new Integer[n];
        int m = 0;
        for (int u = 0; u < n; u++) {
            if (u != burnUid && scores[u] > 0) {
                ranked[m++] = u;
            }
        }
        Arrays.sort(ranked, 0, m, (a, b) -> {
            int c = Double.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double w = rankWeight(i, m);
            out[ranked[i]] = w;
            sum += w;
        }
        double share = burnUid >= 0 ? 1.0 - burnRate : 1.0;
        if (m > 0) {
            for (int i = 0; i < m; i++) {
                out[ranked[i]] = out[ranked[i]] / sum * share;
            }
            if (burnUid >= 0) {
                out[burnUid] = burnRate;
            }
        } else if (burnUid >= 0 && burnRate > 0) {
            out[burnUid] = 1.0;
        }
        return out;
    }
}
