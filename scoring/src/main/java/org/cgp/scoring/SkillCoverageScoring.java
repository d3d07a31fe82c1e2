package org.cgp.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live {@code SkillCoverageScoringMechanism} (CGP 2.37.74,
 * {@code scoring_mechanism/SkillCoverageScoringMechanism.py}; constants in {@code utils/constants.py}),
 * step for step:
 * <ol>
 *   <li>fewer than {@link #MIN_TESTS} tests in the evaluated sections (those beyond the cap
 *       included) score 0;</li>
 *   <li>each evaluated section scores the mean of its best {@link #TOP_K_PER_SECTION} cosines
 *       between its vector and its judged-correct tests that have a vector, 0 without any;</li>
 *   <li>section coverage: the mean over every evaluated section; skill coverage: the cosine of the
 *       mean judged-correct test vector with the skill's vector;</li>
 *   <li>adjusted = 0.6 section coverage + 0.4 skill coverage; 0 when no section scored above 0;</li>
 *   <li>then, cumulatively: fewer than 5 tests ×0.5; any two vectored tests (judged or not) with
 *       cosine ≥ 0.95 ×0.5; fewer than half the tests judged correct ×0.7; a section with more
 *       than 6 tests ×0.6.</li>
 * </ol>
 * The cosine of a missing, empty or all-zero vector is 0, and a NaN or infinite result 0.
 */
public final class SkillCoverageScoring {
    public static final int MIN_TESTS = 3;
    public static final int TOP_K_PER_SECTION = 2;
    public static final double SECTION_WEIGHT = 0.6;
    public static final double SKILL_WEIGHT = 0.4;
    public static final int TOO_FEW_TESTS = 5;
    public static final double TOO_FEW_TESTS_PENALTY = 0.5;
    public static final double NEAR_DUPLICATE_COSINE = 0.95;
    public static final double NEAR_DUPLICATE_PENALTY = 0.5;
    public static final double LOW_ACCURACY = 0.5;
    public static final double LOW_ACCURACY_PENALTY = 0.7;
    /** Also the live per-section cap on tests judged and embedded ({@code PER_SECTION_TEST_CAP}). */
    public static final int FLOODING = 6;
    public static final double FLOODING_PENALTY = 0.6;

    private SkillCoverageScoring() {}

    /** One test of an evaluated section as scoring sees it: its vector (null beyond the cap) and the judge's verdict. */
    public record ScoredTest(float[] vector, boolean judgedCorrect) {}

    /**
     * What an answer scored, with the parts the records and logs show; {@code zeroReason} says why
     * a gate gave 0 (null otherwise), {@code penalties} names the multipliers applied.
     */
    public record Result(double finalScore, double adjustedScore, double sectionCoverage, double skillCoverage,
                         Map<String, Double> sectionScores, int totalTests, String zeroReason, List<String> penalties) {
        static Result zero(int tests, String why) {
            return new Result(0, 0, 0, 0, Map.of(), tests, why, List.of());
        }
    }

    /**
     * @param sectionVectors the evaluated sections' vectors, in the order they were sampled
     * @param testVectors    the answer's tests under evaluated section ids (all of them, beyond the cap too)
     * @param skillVector    the vector of the answer's skill text, or null when it has none
     */
    public static Result score(Map<String, float[]> sectionVectors, Map<String, List<ScoredTest>> testVectors, float[] skillVector) {
        int total = 0;
        for (List<ScoredTest> tests : testVectors.values()) total += tests.size();
        if (total < MIN_TESTS) return Result.zero(total, "fewer than " + MIN_TESTS + " tests (" + total + ")");
        Map<String, Double> sections = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> s : sectionVectors.entrySet()) {
            List<Double> cosines = new ArrayList<>();
            for (ScoredTest t : testVectors.getOrDefault(s.getKey(), List.of())) {
                if (t.judgedCorrect() && present(t.vector())) cosines.add(cosine(s.getValue(), t.vector()));
            }
            cosines.sort((a, b) -> Double.compare(b, a));
            double sum = 0;
            int k = Math.min(TOP_K_PER_SECTION, cosines.size());
            for (int i = 0; i < k; i++) sum += cosines.get(i);
            sections.put(s.getKey(), k == 0 ? 0.0 : sum / k);
        }
        double sectionCoverage = 0;
        for (double v : sections.values()) sectionCoverage += v;
        sectionCoverage = sections.isEmpty() ? 0 : sectionCoverage / sections.size();
        double skillCoverage = skillCoverage(skillVector, testVectors);
        double adjusted = SECTION_WEIGHT * sectionCoverage + SKILL_WEIGHT * skillCoverage;
        if (sections.values().stream().noneMatch(v -> v > 0)) {
            return new Result(0, safe(adjusted), safe(sectionCoverage), safe(skillCoverage), sections, total, "no section addressed", List.of());
        }
        List<String> penalties = new ArrayList<>();
        double score = adjusted;
        if (total < TOO_FEW_TESTS) {
            score *= TOO_FEW_TESTS_PENALTY;
            penalties.add("too_few_tests");
        }
        if (nearDuplicates(testVectors)) {
            score *= NEAR_DUPLICATE_PENALTY;
            penalties.add("near_duplicate_tests");
        }
        int correct = 0;
        for (List<ScoredTest> tests : testVectors.values()) for (ScoredTest t : tests) if (t.judgedCorrect()) correct++;
        if ((double) correct / total < LOW_ACCURACY) {
            score *= LOW_ACCURACY_PENALTY;
            penalties.add("low_assertion_accuracy");
        }
        if (testVectors.values().stream().anyMatch(t -> t.size() > FLOODING)) {
            score *= FLOODING_PENALTY;
            penalties.add("test_flooding");
        }
        return new Result(safe(score), safe(adjusted), safe(sectionCoverage), safe(skillCoverage), sections, total, null, penalties);
    }

    private static double skillCoverage(float[] skill, Map<String, List<ScoredTest>> tests) {
        if (!present(skill)) return 0;
        double[] mean = null;
        int n = 0;
        for (List<ScoredTest> list : tests.values()) {
            for (ScoredTest t : list) {
                if (!t.judgedCorrect() || !present(t.vector())) continue;
                if (mean == null) mean = new double[t.vector().length];
                if (t.vector().length != mean.length) return 0; // ragged vectors: the live numpy mean raises, and scores 0
                for (int i = 0; i < mean.length; i++) mean[i] += t.vector()[i];
                n++;
            }
        }
        if (mean == null) return 0;
        for (int i = 0; i < mean.length; i++) mean[i] /= n;
        return cosine(mean, skill);
    }

    private static boolean nearDuplicates(Map<String, List<ScoredTest>> tests) {
        List<float[]> all = new ArrayList<>();
        for (List<ScoredTest> list : tests.values()) for (ScoredTest t : list) if (present(t.vector())) all.add(t.vector());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) if (cosine(all.get(i), all.get(j)) >= NEAR_DUPLICATE_COSINE) return true;
        }
        return false;
    }

    private static boolean present(float[] v) { return v != null && v.length > 0; }

    static double cosine(float[] a, float[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return cosine(d, b);
    }

    private static double cosine(double[] a, float[] b) {
        if (a == null || b == null || a.length == 0 || b.length == 0 || a.length != b.length) return 0;
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) return 0;
        double c = dot / (Math.sqrt(na) * Math.sqrt(nb));
        return Double.isFinite(c) ? c : 0;
    }

    private static double safe(double v) { return Double.isFinite(v) ? v : 0; }
}
