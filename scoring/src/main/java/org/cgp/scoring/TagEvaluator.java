package org.cgp.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores one miner's tags against the ground truth.
 *
 * <ul>
 *   <li>Tags are taken in the miner's order; null/empty tags and repeats of an earlier tag are
 *       skipped (the first occurrence and its vector win); the first {@value
 *       ScoreFormula#MAX_SCORED_TAGS} distinct tags are scored and the rest ignored. This makes
 *       the choice deterministic: the same response always scores the same.
 *   <li>Each scored tag gets cos(N, v) with the validator's own vector v (see {@link
 *       Neighbourhood#cosine}); it is {@code both} when it is a ground-truth tag, else {@code
 *       unique}. Counts and penalties are over the scored tags.
 *   <li>Fewer scored tags than the task type's {@link ScoringMechanism#minTags()} (3 for
 *       conversations and web pages, 1 for surveys and named entities), or a failed miner, scores
 *       0 with a reason; the score always stays with the miner's own uid. Named entities are
 *       scored without the penalty table.
 *   <li>Negative cosines count as they are, as on the live subnet; only a negative adjusted or
 *       final score is raised to 0 (the live code would let it pull a moving average below 0).
 * </ul>
 *
 * Immutable; one instance can score many windows from several threads. Beyond the vectors, the
 * evaluator allocates a few small arrays per miner, nothing per tag (explain() aside).
 */
public final class TagEvaluator {
    private final ScoringVersion version;
    /** The neighbourhood of the last ground truth seen (by identity), so per-miner calls share it. */
    private volatile Prepared last;

    private record Prepared(GroundTruth truth, Neighbourhood neighbourhood) {}

    public TagEvaluator(ScoringVersion version) {
        if (version == null) {
            throw new IllegalArgumentException("scoring version is required (seed or v2)");
        }
        this.version = version;
    }

    /** The default evaluator, scoring version {@code V2}. */
    public TagEvaluator() {
        this(ScoringVersion.V2);
    }

    public ScoringVersion version() {
        return version;
    }

    public MinerScore evaluate(GroundTruth truth, MinerTags miner) {
        return score(neighbourhood(truth), miner, ScoringMechanism.GROUND_TRUTH, null);
    }

    /** Scores under a task type's mechanism (its minimum tag count, with or without penalties). */
    public MinerScore evaluate(GroundTruth truth, MinerTags miner, ScoringMechanism mechanism) {
        return score(neighbourhood(truth), miner, mechanism, null);
    }

    /** The neighbourhood of {@code truth}, computed once per ground truth instance. */
    public Neighbourhood neighbourhood(GroundTruth truth) {
        Prepared p = last;
        if (p != null && p.truth() == truth) {
            return p.neighbourhood();
        }
        Neighbourhood n = Neighbourhood.of(truth);
        last = new Prepared(truth, n);
        return n;
    }

    /** Scores against a prepared neighbourhood (compute it once per window). */
    public MinerScore evaluate(Neighbourhood neighbourhood, MinerTags miner) {
        return score(neighbourhood, miner, ScoringMechanism.GROUND_TRUTH, null);
    }

    /** Scores every miner of one window, in the given order; each result carries its own uid. */
    public List<MinerScore> evaluateAll(GroundTruth truth, List<MinerTags> miners) {
        Neighbourhood n = neighbourhood(truth);
        List<MinerScore> out = new ArrayList<>(miners.size());
        for (MinerTags m : miners) {
            out.add(score(n, m, ScoringMechanism.GROUND_TRUTH, null));
        }
        return out;
    }

    /** A plain-text breakdown of the score: each tag, its cosine, both/unique, penalties. */
    public String explain(GroundTruth truth, MinerTags miner) {
        return explain(neighbourhood(truth), miner, ScoringMechanism.GROUND_TRUTH);
    }

    public String explain(GroundTruth truth, MinerTags miner, ScoringMechanism mechanism) {
        return explain(neighbourhood(truth), miner, mechanism);
    }

    public String explain(Neighbourhood neighbourhood, MinerTags miner, ScoringMechanism mechanism) {
        StringBuilder sb = new StringBuilder(256);
        score(neighbourhood, miner, mechanism, sb);
        return sb.toString();
    }

    private MinerScore score(Neighbourhood n, MinerTags miner, ScoringMechanism mechanism, StringBuilder explain) {
        if (miner.failure() != null) {
            MinerScore s = new MinerScore(miner.uid(), miner.hotkey(), 0, 0, 0, 0, 0, miner.failure());
            if (explain != null) {
                header(explain, s);
            }
            return s;
        }
        List<String> tags = miner.tags();
        List<float[]> vectors = miner.vectors();
        int[] chosen = new int[ScoreFormula.MAX_SCORED_TAGS];
        int k = 0;
        for (int i = 0, size = tags.size(); i < size && k < chosen.length; i++) {
            String t = tags.get(i);
            if (t == null || t.isEmpty()) {
                continue;
            }
            boolean repeat = false;
            for (int j = 0; j < k; j++) {
                if (tags.get(chosen[j]).equals(t)) {
                    repeat = true;
                    break;
                }
            }
            if (!repeat) {
                chosen[k++] = i;
            }
        }
        double[] all = new double[k];
        double[] unique = new double[k];
        int nUnique = 0;
        int nBoth = 0;
        double max = Double.NEGATIVE_INFINITY;
        List<String> lines = explain == null ? null : new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            int i = chosen[j];
            String tag = tags.get(i);
            float[] v = i < vectors.size() ? vectors.get(i) : null;
            double c = mechanism.nearestTag() ? n.nearestCosine(v) : n.cosine(v);
            all[j] = c;
            max = Math.max(max, c);
            boolean shared = n.isGroundTruthTag(tag);
            if (shared) {
                nBoth++;
            } else {
                unique[nUnique++] = c;
            }
            if (lines != null) {
                lines.add(String.format(Locale.ROOT, "  %-6s  cos %.4f  %s%s", shared ? "both" : "unique", c, tag,
                        vectorNote(n, v)));
            }
        }
        String reason = null;
        double adjusted = 0;
        double fin = 0;
        if (k < Math.max(1, mechanism.minTags())) {
            reason = "fewer than " + mechanism.minTags() + " tags (" + k + ")";
        } else {
            adjusted = clamp(ScoreFormula.adjustedInPlace(version, all, k, unique, nUnique));
            fin = mechanism.penalties() ? clamp(adjusted * ScoreFormula.penalty(version, nBoth, nUnique, max)) : adjusted;
            if (fin == 0) {
                reason = n.isEmpty() ? "no usable ground-truth vectors"
                        : "every tag scored 0 (vectors missing, invalid or unrelated)";
            }
        }
        MinerScore s = new MinerScore(miner.uid(), miner.hotkey(), adjusted, fin, k, nUnique, nBoth, reason);
        if (explain != null) {
            header(explain, s);
            for (String line : lines) {
                explain.append('\n').append(line);
            }
            if (k >= Math.max(1, mechanism.minTags()) && mechanism.penalties()) {
                List<String> p = ScoreFormula.penaltiesApplied(version, nBoth, nUnique, max);
                explain.append('\n').append("  penalties: ").append(p.isEmpty() ? "none" : String.join(", ", p));
            }
        }
        return s;
    }

    private static String vectorNote(Neighbourhood n, float[] v) {
        if (v == null) {
            return "  (no vector)";
        }
        if (v.length != n.dimension()) {
            return "  (dimension " + v.length + ", expected " + n.dimension() + ")";
        }
        return "";
    }

    private void header(StringBuilder sb, MinerScore s) {
        sb.append(String.format(Locale.ROOT,
                "uid %d hotkey %s, scoring %s: %d tags scored (%d both, %d unique), adjusted %.4f, final %.4f",
                s.uid(), s.hotkey(), version.name().toLowerCase(Locale.ROOT), s.tagCount(), s.bothCount(),
                s.uniqueCount(), s.adjustedScore(), s.finalScore()));
        if (s.zeroReason() != null) {
            sb.append(", zero because: ").append(s.zeroReason());
        }
    }

    private static double clamp(double x) {
        if (!(x > 0)) {
            return 0;
        }
        return Math.min(x, 1.0);
    }
}
