package org.cgp.scoring;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ground truth prepared for scoring: the element-wise mean of the usable ground-truth
 * vectors (the "neighbourhood"), its norm computed once, and the set of ground-truth tags.
 *
 * <p>A ground-truth vector is usable when it has the neighbourhood's dimension (that of the
 * first non-empty vector) and only finite elements; other vectors are left out of the mean.
 * When no usable vector remains, or the mean is the zero vector, the neighbourhood is empty
 * and every cosine is 0. Immutable and safe to share between threads.
 */
public final class Neighbourhood {
    private final float[] mean;
    private final double norm;
    private final Set<String> tags;
    private final int usedVectors;
    /** The usable ground-truth vectors themselves, for {@link #nearestCosine}. */
    private final List<float[]> members;

    private Neighbourhood(float[] mean, double norm, Set<String> tags, int usedVectors, List<float[]> members) {
        this.mean = mean;
        this.norm = norm;
        this.tags = tags;
        this.usedVectors = usedVectors;
        this.members = members;
    }

    public static Neighbourhood of(GroundTruth truth) {
        Set<String> tags = new HashSet<>();
        for (String t : truth.tags()) {
            if (t != null) {
                tags.add(t);
            }
        }
        List<float[]> vectors = truth.vectors();
        int dim = 0;
        for (float[] v : vectors) {
            if (v != null && v.length > 0) {
                dim = v.length;
                break;
            }
        }
        if (dim == 0) {
            return new Neighbourhood(new float[0], 0, Set.copyOf(tags), 0, List.of());
        }
        double[] sum = new double[dim];
        int used = 0;
        List<float[]> members = new java.util.ArrayList<>();
        for (float[] v : vectors) {
            if (v == null || v.length != dim || !allFinite(v)) {
                continue;
            }
            members.add(v);
            for (int i = 0; i < dim; i++) {
                sum[i] += v[i];
            }
            used++;
        }
        float[] mean = new float[used == 0 ? 0 : dim];
        double sq = 0;
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sum[i] / used);
            sq += (double) mean[i] * mean[i];
        }
        double norm = Math.sqrt(sq);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            return new Neighbourhood(new float[0], 0, Set.copyOf(tags), used, List.of());
        }
        return new Neighbourhood(mean, norm, Set.copyOf(tags), used, List.copyOf(members));
    }

    private static boolean allFinite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** True when no usable ground-truth vector exists: every cosine is then 0. */
    public boolean isEmpty() {
        return mean.length == 0;
    }

    /** The vector dimension every scored vector must have (0 when empty). */
    public int dimension() {
        return mean.length;
    }

    /** How many ground-truth vectors went into the mean. */
    public int usedVectors() {
        return usedVectors;
    }

    /** True when {@code tag} is one of the ground-truth tags (exact match on the cleaned form). */
    public boolean isGroundTruthTag(String tag) {
        return tag != null && tags.contains(tag);
    }

    /**
     * cos(N, v) in [-1, 1]. A null vector, a vector of another dimension, one with a NaN or
     * infinite element, or the zero vector scores 0. A negative cosine (a tag pointing away from
     * the text) is kept, as the live validators keep it.
     */
    /**
     * The largest cosine between {@code v} and one ground-truth vector (0 for an unusable vector):
     * a tag must be close to something the text is about, not to the average of everything.
     */
    public double nearestCosine(float[] v) {
        if (v == null || v.length != mean.length || mean.length == 0 || members.isEmpty() || !allFinite(v)) {
            return 0;
        }
        double best = -1;
        for (float[] m : members) {
            double dot = 0, qa = 0, qb = 0;
            for (int i = 0; i < v.length; i++) {
                dot += (double) v[i] * m[i];
                qa += (double) v[i] * v[i];
                qb += (double) m[i] * m[i];
            }
            if (qa > 0 && qb > 0) best = Math.max(best, dot / Math.sqrt(qa * qb));
        }
        return Math.max(-1.0, Math.min(best, 1.0));
    }

    public double cosine(float[] v) {
        if (v == null || v.length != mean.length || mean.length == 0) {
            return 0;
        }
        final float[] m = mean;
        final int n = m.length;
        // four independent accumulators keep the loop short; double keeps 1536-dim sums exact enough
        double d0 = 0, d1 = 0, d2 = 0, d3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double a0 = v[i], a1 = v[i + 1], a2 = v[i + 2], a3 = v[i + 3];
            d0 += a0 * m[i];
            d1 += a1 * m[i + 1];
            d2 += a2 * m[i + 2];
            d3 += a3 * m[i + 3];
            q0 += a0 * a0;
            q1 += a1 * a1;
            q2 += a2 * a2;
            q3 += a3 * a3;
        }
        for (; i < n; i++) {
            double a = v[i];
            d0 += a * m[i];
            q0 += a * a;
        }
        double dot = (d0 + d1) + (d2 + d3);
        double sq = (q0 + q1) + (q2 + q3);
        // NaN elements make sq NaN, infinite ones make it infinite: both fail here
        if (!(sq > 0) || !Double.isFinite(sq) || !Double.isFinite(dot)) {
            return 0;
        }
        double c = dot / (norm * Math.sqrt(sq));
        if (Double.isNaN(c)) {
            return 0;
        }
        return Math.max(-1.0, Math.min(c, 1.0)); // negative cosines are kept, as the live validators keep them
    }
}
