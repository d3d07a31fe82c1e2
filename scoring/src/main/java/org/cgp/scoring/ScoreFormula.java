package org.cgp.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The arithmetic of the CGP scoring on per-tag scores, apart from where the scores come from.
 *
 * <p>{@code V2}: adjusted = 0.55 top3(unique, padded with 0) + 0.10 median + 0.25 mean + 0.10 max,
 * times the penalties (no shared tag x0.9; max &lt; 0.2 x0.5; fewer than 2 tags x0.2; unique &lt; 1
 * x0.85, else &lt; 2 x0.9, else &lt; 3 x0.95). {@code SEED}: 0.5 top3(all) + 0.2 median + 0.2 mean +
 * 0.1 max, no penalties. Median is numpy's (mean of the two middle values for an even count);
 * statistics of an empty list are 0. Callers pass scores already clamped to [0, 1].
 */
public final class ScoreFormula {
    /** Fewer tags than this scores 0 (both versions). */
    public static final int MIN_TAGS = 3;
    /** At most this many tags of one response are scored. */
    public static final int MAX_SCORED_TAGS = 20;

    private ScoreFormula() {}

    /** The adjusted score (before penalties) of tag scores split into both and unique. */
    public static double adjusted(ScoringVersion version, double[] both, double[] unique) {
        double[] all = new double[both.length + unique.length];
        System.arraycopy(both, 0, all, 0, both.length);
        System.arraycopy(unique, 0, all, both.length, unique.length);
        return adjustedInPlace(version, all, all.length, unique.clone(), unique.length);
    }

    /** The final score (adjusted times penalties) of tag scores split into both and unique. */
    public static double finalScore(ScoringVersion version, double[] both, double[] unique) {
        double adj = adjusted(version, both, unique);
        return adj * penalty(version, both.length, unique.length, max(both, unique));
    }

    private static double max(double[] a, double[] b) {
        double m = 0;
        for (double x : a) m = Math.max(m, x);
        for (double x : b) m = Math.max(m, x);
        return m;
    }

    /**
     * The adjusted score from the first {@code nAll} entries of {@code all} and the first {@code
     * nUnique} of {@code unique}; sorts those entries in place (callers pass scratch arrays).
     */
    static double adjustedInPlace(ScoringVersion version, double[] all, int nAll, double[] unique, int nUnique) {
        if (nAll == 0) {
            return 0;
        }
        Arrays.sort(all, 0, nAll);
        double sum = 0;
        for (int i = 0; i < nAll; i++) {
            sum += all[i];
        }
        double mean = sum / nAll;
        double median = (nAll & 1) == 1 ? all[nAll / 2] : (all[nAll / 2 - 1] + all[nAll / 2]) / 2.0;
        double max = all[nAll - 1];
        if (version == ScoringVersion.SEED) {
            int k = Math.min(3, nAll);
            double top = 0;
            for (int i = nAll - k; i < nAll; i++) {
                top += all[i];
            }
            return 0.5 * (top / k) + 0.2 * median + 0.2 * mean + 0.1 * max;
        }
        Arrays.sort(unique, 0, nUnique);
        double top = 0;
        for (int i = Math.max(0, nUnique - 3); i < nUnique; i++) {
            top += unique[i];
        }
        return 0.55 * (top / 3.0) + 0.10 * median + 0.25 * mean + 0.10 * max;
    }

    /** The product of the penalties for {@code both} shared and {@code unique} unshared tags. */
    public static double penalty(ScoringVersion version, int both, int unique, double max) {
        if (version == ScoringVersion.SEED) {
            return 1.0;
        }
        int total = both + unique;
        double p = 1.0;
        if (total - unique == 0) p *= 0.9;
        if (max < 0.2) p *= 0.5;
        if (total < 2) p *= 0.2;
        if (unique < 1) p *= 0.85;
        else if (unique < 2) p *= 0.9;
        else if (unique < 3) p *= 0.95;
        return p;
    }

    /** The penalties that apply, as plain text (empty when none). */
    public static List<String> penaltiesApplied(ScoringVersion version, int both, int unique, double max) {
        List<String> out = new ArrayList<>();
        if (version == ScoringVersion.SEED) {
            return out;
        }
        int total = both + unique;
        if (total - unique == 0) out.add("no shared tag x0.9");
        if (max < 0.2) out.add("max tag score < 0.2 x0.5");
        if (total < 2) out.add("fewer than 2 tags x0.2");
        if (unique < 1) out.add("no unique tag x0.85");
        else if (unique < 2) out.add("1 unique tag x0.9");
        else if (unique < 3) out.add("2 unique tags x0.95");
        return out;
    }
}
