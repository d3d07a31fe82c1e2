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
 * <p>Since CGP 2.32.68 every <em>eligible</em> uid (serving, not a high-stake validator; the burn
 * uid never) whose cubic value is 0 gets {@link #BASELINE_WEIGHT} in the same raw scale before the
 * scaling, so a miner not scored yet is not locked out of consensus; only when some uid is ranked
 * ({@code ValidatorLib.get_raw_weights}, CGP 2.37.74). Since 2.34.70 the live burn rate is 0, but
 * the owner's uid is still left out of the ranking and the baseline, so it gets exactly 0.
 *
 * <p>Differences from the original, on purpose: ties among positive scores are broken by uid
 * (lower uid ranks higher) instead of at random, so results are reproducible; NaN scores count as
 * 0 instead of failing the whole vector; when no uid has a positive score the result is all 0
 * (nothing to set), or, with a burn uid and a positive rate, everything goes to the burn uid.
 */
public final class CubicWeights {
    private CubicWeights() {}

    /** The live floor for an eligible uid without a cubic value: 5/65535 in the raw 0.001-0.003 scale. */
    public static final double BASELINE_WEIGHT = 5.0 / 65535.0;

    /** Cubic weights without burn; sums to 1, or all 0 when no score is positive. */
    public static double[] of(double[] scores) {
        return compute(scores, -1, 0, null);
    }

    /**
     * The live weights: {@code ownerUid} (-1: none) left out of the ranking and the baseline and
     * given {@code burnRate}; the baseline for every {@code eligible} uid without a positive score.
     */
    public static double[] of(double[] scores, int ownerUid, double burnRate, boolean[] eligible) {
        if (ownerUid >= scores.length) throw new IllegalArgumentException("owner uid " + ownerUid + " is outside 0.." + (scores.length - 1));
        if (!(burnRate >= 0 && burnRate <= 1)) throw new IllegalArgumentException("burn rate must be in [0, 1], got " + burnRate);
        if (eligible != null && eligible.length != scores.length) {
            throw new IllegalArgumentException(eligible.length + " eligibility flags for " + scores.length + " scores");
        }
        return compute(scores, ownerUid < 0 ? -1 : ownerUid, burnRate, eligible);
    }

    /** Cubic weights with {@code burnRate} (in [0, 1]) sent to {@code burnUid}. */
    public static double[] of(double[] scores, int burnUid, double burnRate) {
        if (burnUid < 0 || burnUid >= scores.length) {
            throw new IllegalArgumentException("burn uid " + burnUid + " is outside 0.." + (scores.length - 1));
        }
        if (!(burnRate >= 0 && burnRate <= 1)) {
            throw new IllegalArgumentException("burn rate must be in [0, 1], got " + burnRate);
        }
        return compute(scores, burnUid, burnRate, null);
    }

    /** The raw transposed-cubic value of rank {@code i} (0 = best) among {@code m}. */
    public static double rankWeight(int i, int m) {
        double x = 2.0 * (m - i - 1) / m - 1.0;
        return 0.001 + 0.002 * (x * x * x + 1.0) / 2.0;
    }

    private static double[] compute(double[] raw, int burnUid, double burnRate, boolean[] eligible) {
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
        if (m > 0 && eligible != null) {
            for (int u = 0; u < n; u++) {
                if (eligible[u] && u != burnUid && out[u] == 0) {
                    out[u] = BASELINE_WEIGHT;
                    sum += BASELINE_WEIGHT;
                }
            }
        }
        double share = burnUid >= 0 ? 1.0 - burnRate : 1.0;
        if (m > 0) {
            for (int u = 0; u < n; u++) {
                out[u] = out[u] / sum * share;
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
