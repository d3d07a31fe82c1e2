package org.cgp.scoring;

/**
 * How the scores of the miners of one window become rewards. Default {@code LINEAR}.
 *
 * <ul>
 *   <li>{@code LINEAR}: the scores as they are.
 *   <li>{@code BELL}: the seed's bell curve: the normal pdf at each score
 *       with the population mean and standard deviation of the window's scores, normalised to
 *       sum 1. When sigma is 0 every miner gets 1/k (the seed gave zeros).
 *   <li>{@code CUBIC}: the rank-based transposed cubic of CGP's Python validator, no burn (see {@link
 *       CubicWeights} for the burn variant and the tie rule).
 * </ul>
 *
 * Every variant treats NaN, infinite and negative scores as 0 and never returns NaN.
 */
public enum RewardDistribution {
    LINEAR, BELL, CUBIC;

    /** Rewards for {@code scores}, same length and order. */
    public double[] apply(double[] scores) {
        double[] x = sanitised(scores);
        return switch (this) {
            case LINEAR -> x;
            case BELL -> bell(x);
            case CUBIC -> CubicWeights.of(x);
        };
    }

    /** Parses {@code linear}, {@code bell} or {@code cubic} (any case). */
    public static RewardDistribution parse(String name) {
        if (name != null) {
            for (RewardDistribution d : values()) {
                if (d.name().equalsIgnoreCase(name.trim())) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("unknown reward distribution '" + name + "' (expected linear, bell or cubic)");
    }

    static double[] sanitised(double[] scores) {
        double[] x = new double[scores.length];
        for (int i = 0; i < x.length; i++) {
            double s = scores[i];
            x[i] = Double.isFinite(s) && s > 0 ? s : 0;
        }
        return x;
    }

    private static double[] bell(double[] x) {
        int k = x.length;
        double[] out = new double[k];
        if (k == 0) {
            return out;
        }
        double mu = 0;
        for (double v : x) mu += v;
        mu /= k;
        double var = 0;
        for (double v : x) var += (v - mu) * (v - mu);
        var /= k;
        double sigma = Math.sqrt(var);
        if (sigma > 0) {
            double norm = 1.0 / (sigma * Math.sqrt(2 * Math.PI));
            double sum = 0;
            for (int i = 0; i < k; i++) {
                double d = x[i] - mu;
                out[i] = norm * Math.exp(-(d * d) / (2 * var));
                sum += out[i];
            }
            if (sum > 0 && Double.isFinite(sum)) {
                for (int i = 0; i < k; i++) {
                    out[i] /= sum;
                }
                return out;
            }
        }
        java.util.Arrays.fill(out, 1.0 / k);
        return out;
    }
}
