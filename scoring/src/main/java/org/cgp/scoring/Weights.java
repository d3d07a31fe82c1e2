package org.cgp.scoring;

/**
 * Turns moving averages into weights (as CGP's Python validator does, with its burn):
 * normalise, optionally raise to a power (3 in the newer network) and renormalise, optionally
 * send a share to a burn uid. NaN, infinite and negative inputs count as 0; when nothing is
 * positive the result is all 0 (nothing to set) rather than the original's uniform vector, so a
 * validator never spreads weight over miners that earned nothing. Never returns NaN.
 */
public final class Weights {
    /** The newer network's non-linear power. */
    public static final double NONLINEAR_POWER = 3.0;

    private Weights() {}

    /** {@code x / sum(x)}, or all 0 when the sum is 0. */
    public static double[] normalise(double[] x) {
        double[] out = RewardDistribution.sanitised(x);
        double sum = 0;
        for (double v : out) sum += v;
        if (!(sum > 0) || !Double.isFinite(sum)) {
            java.util.Arrays.fill(out, 0);
            return out;
        }
        for (int i = 0; i < out.length; i++) out[i] /= sum;
        return out;
    }

    /** normalise(normalise(ema)^power); power 1 is plain normalisation. */
    public static double[] fromMovingAverage(double[] ema, double power) {
        if (!(power > 0) || !Double.isFinite(power)) {
            throw new IllegalArgumentException("power must be a positive number, got " + power);
        }
        double[] p = normalise(ema);
        if (power != 1.0) {
            for (int i = 0; i < p.length; i++) p[i] = Math.pow(p[i], power);
            p = normalise(p);
        }
        return p;
    }

    /**
     * fromMovingAverage, then {@code burnRate} of the total goes to {@code burnUid} and the other
     * uids (the burn uid's own average left out) share {@code 1 - burnRate}. When no other uid has
     * weight and the rate is positive, the burn uid gets everything.
     */
    public static double[] fromMovingAverage(double[] ema, double power, int burnUid, double burnRate) {
        if (burnUid < 0 || burnUid >= ema.length) {
            throw new IllegalArgumentException("burn uid " + burnUid + " is outside 0.." + (ema.length - 1));
        }
        if (!(burnRate >= 0 && burnRate <= 1)) {
            throw new IllegalArgumentException("burn rate must be in [0, 1], got " + burnRate);
        }
        double[] others = ema.clone();
        others[burnUid] = 0;
        double[] w = fromMovingAverage(others, power);
        boolean any = false;
        for (double v : w) any |= v > 0;
        if (!any) {
            w[burnUid] = burnRate > 0 ? 1.0 : 0.0;
            return w;
        }
        for (int i = 0; i < w.length; i++) w[i] *= 1 - burnRate;
        w[burnUid] = burnRate;
        return w;
    }
}
