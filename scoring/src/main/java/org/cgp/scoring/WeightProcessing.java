package org.cgp.scoring;

import java.util.Arrays;

/**
 * Bittensor's weight processing before {@code set_weights} (bittensor's weight_utils.process_weights_for_netuid), reproduced
 * with numpy's arithmetic: float32 where numpy computes in float32 (with numpy 2's promotion of
 * Python scalars, pairwise summation and the linear-interpolation quantile), float64 where numpy
 * promotes, and Python's round-half-to-even for the u16 conversion. Then one step the Python
 * pipeline lacks: {@link #fitChainMaxWeight} checks the emitted vector exactly as the chain does
 * (max-upscale, then I32F32 normalise and compare with {@code MaxWeightsLimit / 65535}) and lowers
 * the largest values until the chain accepts it.
 */
public final class WeightProcessing {
    public static final int U16_MAX = 65535;
    private static final double EPSILON = 1e-7;
    private static final int PAIRWISE_BLOCK = 128;

    private WeightProcessing() {}

    /**
     * {@code process_weights_for_netuid}: {@code uids} and raw {@code weights} (same length, cast to
     * float32 as numpy does), {@code n} neurons in the metagraph, the subnet's {@code
     * MinAllowedWeights} and {@code MaxWeightsLimit} (u16), and {@code excludeQuantile} in u16 units
     * (13107 is about 20 %). NaN and infinite weights count as 0; weights whose sum would overflow
     * float32 are divided by their largest value first (numpy would produce NaN there).
     */
    public static ProcessedWeights processWeightsForNetuid(int[] uids, double[] weights, int n, int minAllowedWeights,
                                                           int maxWeightsLimitU16, int excludeQuantile) {
        if (uids.length != weights.length) {
            throw new IllegalArgumentException(uids.length + " uids but " + weights.length + " weights");
        }
        if (n < 0 || maxWeightsLimitU16 < 0 || maxWeightsLimitU16 > U16_MAX || excludeQuantile < 0) {
            throw new IllegalArgumentException("bad hyperparameters: n " + n + ", max weights limit "
                    + maxWeightsLimitU16 + ", exclude quantile " + excludeQuantile);
        }
        double limit = maxWeightsLimitU16 / (double) U16_MAX;
        double quantile = excludeQuantile / (double) U16_MAX;
        // numpy would turn sums past float32's range into inf and NaN; such inputs (never real
        // scores, which lie in [0, 1]) are first divided by their largest value instead
        double total = 0;
        double largest = 0;
        for (double v : weights) {
            if (Double.isFinite(v) && v > 0) {
                total += v;
                largest = Math.max(largest, v);
            }
        }
        double scale = total > Float.MAX_VALUE / 4 ? largest : 1.0;
        float[] w = new float[weights.length];
        int nz = 0;
        for (int i = 0; i < w.length; i++) {
            double v = weights[i];
            w[i] = Double.isFinite(v) ? (float) (v / scale) : 0f;
            if (w[i] > 0) nz++;
        }
        int[] nzIdx = new int[nz];
        float[] nzW = new float[nz];
        for (int i = 0, k = 0; i < w.length; i++) {
            if (w[i] > 0) {
                nzIdx[k] = i;
                nzW[k++] = w[i];
            }
        }
        if (nz == 0 || n < minAllowedWeights) {
            double[] uniform = new double[n];
            Arrays.fill(uniform, 1.0 / n);
            return new ProcessedWeights(range(n), uniform);
        }
        if (nz < minAllowedWeights) {
            // numpy promotes this branch to float64: 1e-5 everywhere plus the non-zero weights
            double[] vec = new double[n];
            Arrays.fill(vec, 1e-5);
            for (int k = 0; k < nz; k++) {
                if (nzIdx[k] >= n) {
                    throw new IllegalArgumentException("weight at position " + nzIdx[k] + " but the metagraph has " + n + " neurons");
                }
                vec[nzIdx[k]] += nzW[k];
            }
            return new ProcessedWeights(range(n), normalizeMaxWeight(vec, limit, false));
        }
        double maxExclude = Math.max(0, nz - minAllowedWeights) / (double) nz;
        double q = Math.min(quantile, maxExclude);
        float lowest = quantileLinear(nzW, q);
        int kept = 0;
        for (float v : nzW) if (lowest <= v) kept++;
        int[] keptUids = new int[kept];
        double[] keptW = new double[kept];
        for (int k = 0, j = 0; k < nz; k++) {
            if (lowest <= nzW[k]) {
                keptUids[j] = uids[nzIdx[k]];
                keptW[j++] = nzW[k];
            }
        }
        return new ProcessedWeights(keptUids, normalizeMaxWeight(keptW, limit, true));
    }

    /** {@code normalize_max_weight} on float32 values (numpy float32 arithmetic). */
    public static float[] normalizeMaxWeight(float[] x, double limit) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        double[] y = normalizeMaxWeight(d, limit, true);
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) out[i] = (float) y[i];
        return out;
    }

    /** {@code normalize_max_weight} on float64 values (numpy float64 arithmetic). */
    public static double[] normalizeMaxWeight(double[] x, double limit) {
        return normalizeMaxWeight(x, limit, false);
    }

    /**
     * Sum to 1 with no value above {@code limit}. In float32 mode every intermediate is rounded to
     * float32 (an operation done in double and rounded once equals the float32 operation).
     */
    static double[] normalizeMaxWeight(double[] x, double limit, boolean f32) {
        int n = x.length;
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        double sumX = pairwiseSum(x, 0, n, f32);
        if (sumX == 0 || n * limit <= 1) {
            Arrays.fill(out, f32 ? (double) (1f / n) : 1.0 / n);
            return out;
        }
        double lim = r(limit, f32);
        double eps = r(EPSILON, f32);
        double[] values = x.clone();
        Arrays.sort(values);
        double sumV = pairwiseSum(values, 0, n, f32);
        double[] est = new double[n];
        for (int i = 0; i < n; i++) est[i] = r(values[i] / sumV, f32);
        if (est[n - 1] <= lim) {
            for (int i = 0; i < n; i++) out[i] = r(x[i] / sumX, f32);
            return out;
        }
        double[] cumsum = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc = r(acc + est[i], f32);
            cumsum[i] = acc;
        }
        int nValues = 0;
        for (int i = 0; i < n; i++) {
            double es = r((n - i - 1) * est[i], f32);
            double ratio = r(est[i] / r(r(es + cumsum[i], f32) + eps, f32), f32);
            if (ratio < lim) nValues++;
        }
        // Python's cumsum[n_values - 1] wraps to the last element when n_values is 0
        double c = cumsum[nValues == 0 ? n - 1 : nValues - 1];
        // n_values is a numpy int64, so the denominator is a float64 scalar and numpy promotes
        // the cutoff to float64 even on the float32 path; the clamp stores it back as float32
        double denom = 1 - (limit * (n - nValues));
        double cutoffScale = r(r(lim * c, f32) - eps, f32) / denom;
        double cutoff = cutoffScale * sumV;
        double stored = r(cutoff, f32);
        double[] clamped = x.clone();
        for (int i = 0; i < n; i++) if (clamped[i] > cutoff) clamped[i] = stored;
        double sumC = pairwiseSum(clamped, 0, n, f32);
        for (int i = 0; i < n; i++) out[i] = r(clamped[i] / sumC, f32);
        return out;
    }

    /** numpy.quantile(x, q) with the default linear method, on float32 values and a Python-float q. */
    static float quantileLinear(float[] x, double q) {
        float[] s = x.clone();
        Arrays.sort(s);
        int m = s.length;
        double virtual = m * q + (1 + q * -1.0) - 1;
        double floor = Math.floor(virtual);
        double gamma = virtual - floor;
        int prev;
        int next;
        if (virtual >= m - 1) {
            prev = next = m - 1;
        } else if (virtual < 0) {
            prev = next = 0;
        } else {
            prev = (int) floor;
            next = prev + 1;
        }
        float a = s[prev];
        float b = s[next];
        float diff = b - a;
        if (gamma >= 0.5) {
            return b - diff * (float) (1 - gamma);
        }
        return a + diff * (float) gamma;
    }

    /** numpy's pairwise summation (blocks of 8 accumulators up to 128 values, halves above). */
    static double pairwiseSum(double[] a, int from, int n, boolean f32) {
        if (n < 8) {
            double res = 0;
            for (int i = 0; i < n; i++) res = r(res + a[from + i], f32);
            return res;
        }
        if (n <= PAIRWISE_BLOCK) {
            double[] acc = new double[8];
            System.arraycopy(a, from, acc, 0, 8);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) acc[j] = r(acc[j] + a[from + i + j], f32);
            }
            double res = r(r(r(acc[0] + acc[1], f32) + r(acc[2] + acc[3], f32), f32)
                    + r(r(acc[4] + acc[5], f32) + r(acc[6] + acc[7], f32), f32), f32);
            for (; i < n; i++) res = r(res + a[from + i], f32);
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return r(pairwiseSum(a, from, n2, f32) + pairwiseSum(a, from + n2, n - n2, f32), f32);
    }

    private static double r(double v, boolean f32) {
        return f32 ? (double) (float) v : v;
    }

    private static int[] range(int n) {
        int[] u = new int[n];
        for (int i = 0; i < n; i++) u[i] = i;
        return u;
    }

    /**
     * {@code convert_weights_and_uids_for_emit}: max-upscale to 65535 and round half to even;
     * entries that round to 0 are dropped with their uids. All-zero weights give an empty result
     * (nothing to set). Negative or non-finite weights, negative uids or unequal lengths are errors.
     */
    public static EmitWeights convertWeightsAndUidsForEmit(int[] uids, double[] weights) {
        if (uids.length != weights.length) {
            throw new IllegalArgumentException("weights and uids must have the same length, got "
                    + uids.length + " uids and " + weights.length + " weights");
        }
        double max = 0;
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i];
            if (!Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("weight " + w + " for uid " + uids[i] + " cannot be set on chain");
            }
            if (uids[i] < 0 || uids[i] > U16_MAX) {
                throw new IllegalArgumentException("uid " + uids[i] + " cannot exist on chain");
            }
            max = Math.max(max, w);
            sum += w;
        }
        if (sum == 0) {
            return new EmitWeights(new int[0], new int[0]);
        }
        int[] ou = new int[uids.length];
        int[] ow = new int[uids.length];
        int k = 0;
        for (int i = 0; i < weights.length; i++) {
            int v = (int) Math.rint(weights[i] / max * U16_MAX);
            if (v != 0) {
                ou[k] = uids[i];
                ow[k++] = v;
            }
        }
        return new EmitWeights(Arrays.copyOf(ou, k), Arrays.copyOf(ow, k));
    }

    /**
     * True when the chain accepts {@code values} under {@code MaxWeightsLimit}: it max-upscales
     * them to 65535, normalises in I32F32 fixed point and requires every share to be at most
     * {@code limit / 65535} (a limit of 65535 disables the check). Self-weights, which the chain
     * exempts, are not considered.
     */
    public static boolean chainAcceptsMaxWeight(int[] values, int maxWeightsLimitU16) {
        if (maxWeightsLimitU16 >= U16_MAX) {
            return true;
        }
        long[] up = chainMaxUpscale(values);
        long sum = 0;
        long max = 0;
        for (long v : up) {
            sum += v;
            max = Math.max(max, v);
        }
        if (sum == 0) {
            return true;
        }
        long limitBits = ((long) maxWeightsLimitU16 << 32) / U16_MAX;
        long maxShareBits = (max << 32) / sum;
        return maxShareBits <= limitBits;
    }

    /** The chain's {@code vec_u16_max_upscale_to_u16} in I32F32 arithmetic. */
    static long[] chainMaxUpscale(int[] values) {
        long max = 0;
        for (int v : values) max = Math.max(max, v);
        long[] out = new long[values.length];
        if (max == 0) {
            return out;
        }
        final long half = 1L << 31;
        if (max > 32768) {
            long factorBits = ((long) U16_MAX << 32) / max;
            for (int i = 0; i < values.length; i++) {
                long bits = values[i] * factorBits;
                out[i] = Math.min(U16_MAX, (bits + half) >>> 32);
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                long num = (long) values[i] * U16_MAX;
                long q = num / max;
                long rem = num % max;
                long bits = (q << 32) + (rem << 32) / max;
                out[i] = Math.min(U16_MAX, (bits + half) >>> 32);
            }
        }
        return out;
    }

    /**
     * Makes the emitted weights pass the chain's {@code MaxWeightExceeded} check: while the chain
     * would reject them, every value above a cap is lowered to the cap, and the cap goes down by 1
     * from the largest value. Returns the input unchanged when it already passes.
     *
     * @throws IllegalArgumentException when no vector of this many uids can pass (even equal
     *     weights exceed the limit); the caller should then set no weights.
     */
    public static EmitWeights fitChainMaxWeight(EmitWeights emit, int maxWeightsLimitU16) {
        int[] w = emit.weights();
        if (chainAcceptsMaxWeight(w, maxWeightsLimitU16)) {
            return emit;
        }
        int[] equal = new int[w.length];
        Arrays.fill(equal, U16_MAX);
        if (!chainAcceptsMaxWeight(equal, maxWeightsLimitU16)) {
            throw new IllegalArgumentException("the chain's max weight limit " + maxWeightsLimitU16 + "/65535 cannot be met with "
                    + w.length + " weights; set weights on more uids");
        }
        int max = 0;
        for (int v : w) max = Math.max(max, v);
        int[] capped = w.clone();
        for (int cap = max - 1; cap >= 1; cap--) {
            for (int i = 0; i < capped.length; i++) capped[i] = Math.min(w[i], cap);
            if (chainAcceptsMaxWeight(capped, maxWeightsLimitU16)) {
                return new EmitWeights(emit.uids(), capped);
            }
        }
        throw new IllegalStateException("no cap met the chain's max weight limit " + maxWeightsLimitU16);
    }

    /**
     * The whole path from raw weights to what {@code set_weights} sends: {@link
     * #processWeightsForNetuid}, {@link #convertWeightsAndUidsForEmit}, {@link #fitChainMaxWeight}.
     */
    public static EmitWeights forChain(int[] uids, double[] weights, int n, int minAllowedWeights,
                                       int maxWeightsLimitU16, int excludeQuantile) {
        ProcessedWeights p = processWeightsForNetuid(uids, weights, n, minAllowedWeights, maxWeightsLimitU16, excludeQuantile);
        EmitWeights e = convertWeightsAndUidsForEmit(p.uids(), p.weights());
        return e.isEmpty() ? e : fitChainMaxWeight(e, maxWeightsLimitU16);
    }
}
