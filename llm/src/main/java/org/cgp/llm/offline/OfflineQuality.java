package org.cgp.llm.offline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cgp.llm.Embedder;
import org.cgp.llm.QualityAssessment;
import org.cgp.llm.embed.Vectors;
import org.cgp.protocol.synapse.Line;

/**
 * The five-way quality assessment without an LLM: deterministic, from the transcript and the
 * embeddings of its lines (one batch: the whole text, then each line). Each score maps a measure
 * linearly onto 0-10 between two bounds set on the sample conversations (below the low one 0, above
 * the high one 10):
 * <ul>
 *   <li>relevance: the mean cosine of each line to the whole conversation (0.15 to 0.6): lines about
 *       the subject sit close to the text they make up;</li>
 *   <li>engagement: half how evenly the speakers share the words (normalised entropy; one speaker
 *       alone is 0), three tenths how often the speaker changes from one line to the next, two tenths
 *       how many lines ask something (a question in one line of four or more counts fully);</li>
 *   <li>novelty: the mean, over every line after the first, of one minus its highest cosine to any
 *       line before it (0.3 to 0.8): a line that says again what was said is close to it;</li>
 *   <li>coherence: the mean cosine of each line to the line before (0.05 to 0.4): a reply is about
 *       what it answers;</li>
 *   <li>fluency: six tenths the share of tokens that read as words or numbers (letters with a vowel,
 *       at most 20 of them), two tenths the share of lines that are not repeats, two tenths whether
 *       lines have a sentence's length (4 to 30 words on average).</li>
 * </ul>
 */
public final class OfflineQuality {
    private final Embedder embedder;

    public OfflineQuality(Embedder embedder) {
        this.embedder = embedder;
    }

    /** The assessment of {@code lines}, or null when they hold no text. */
    public QualityAssessment assess(List<Line> lines) {
        List<Line> said = new ArrayList<>();
        for (Line l : lines) if (l.text() != null && !l.text().isBlank()) said.add(l);
        if (said.isEmpty()) return null;
        List<String> texts = new ArrayList<>(said.size() + 1);
        StringBuilder whole = new StringBuilder();
        for (Line l : said) whole.append(l.text().strip()).append('\n');
        texts.add(whole.toString());
        for (Line l : said) texts.add(l.text().strip());
        List<float[]> v = embedder.embedAll(texts);
        float[] all = v.get(0);
        List<float[]> line = v.subList(1, v.size());
        return new QualityAssessment(relevance(all, line), engagement(said), novelty(line), coherence(line), fluency(said),
                QualityAssessment.OFFLINE);
    }

    static double relevance(float[] all, List<float[]> lines) {
        double sum = 0;
        for (float[] l : lines) sum += Vectors.cosine(l, all);
        return scale(sum / lines.size(), 0.15, 0.6);
    }

    static double engagement(List<Line> lines) {
        Map<Integer, Integer> words = new HashMap<>();
        int total = 0;
        int changes = 0;
        int questions = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            int n = l.text().strip().split("\\s+").length;
            words.merge(l.speaker(), n, Integer::sum);
            total += n;
            if (i > 0 && lines.get(i - 1).speaker() != l.speaker()) changes++;
            if (l.text().contains("?")) questions++;
        }
        double balance = 0;
        if (words.size() > 1) {
            double h = 0;
            for (int w : words.values()) {
                double p = (double) w / total;
                h -= p * Math.log(p);
            }
            balance = h / Math.log(words.size());
        }
        double turns = lines.size() > 1 ? (double) changes / (lines.size() - 1) : 0;
        double asking = Math.min(1, 4.0 * questions / lines.size());
        return 10 * (0.5 * balance + 0.3 * turns + 0.2 * asking);
    }

    static double novelty(List<float[]> lines) {
        if (lines.size() < 2) return 5; // one line: nothing to repeat, nothing to compare
        double sum = 0;
        for (int i = 1; i < lines.size(); i++) {
            double closest = -1;
            for (int j = 0; j < i; j++) closest = Math.max(closest, Vectors.cosine(lines.get(i), lines.get(j)));
            sum += 1 - closest;
        }
        return scale(sum / (lines.size() - 1), 0.3, 0.8);
    }

    static double coherence(List<float[]> lines) {
        if (lines.size() < 2) return 5;
        double sum = 0;
        for (int i = 1; i < lines.size(); i++) sum += Vectors.cosine(lines.get(i), lines.get(i - 1));
        return scale(sum / (lines.size() - 1), 0.05, 0.4);
    }

    static double fluency(List<Line> lines) {
        int tokens = 0;
        int wordLike = 0;
        int words = 0;
        Set<String> seen = new HashSet<>();
        int repeats = 0;
        for (Line l : lines) {
            String t = l.text().strip();
            if (!seen.add(t.toLowerCase(Locale.ROOT))) repeats++;
            for (String token : t.split("\\s+")) {
                String core = token.replaceAll("^[\\p{Punct}“”‘’]+|[\\p{Punct}“”‘’]+$", "");
                if (core.isEmpty()) continue;
                tokens++;
                words++;
                if (core.matches("\\d+([.,:]\\d+)*") || (core.length() <= 20 && core.matches("[\\p{L}'’-]+")
                        && core.toLowerCase(Locale.ROOT).matches(".*[aeiouyàâäéèêëíìîïóòôöúùûü].*"))) {
                    wordLike++;
                }
            }
        }
        double wordShare = tokens == 0 ? 0 : (double) wordLike / tokens;
        double unique = 1 - (double) repeats / lines.size();
        double mean = (double) words / lines.size();
        double length = mean < 4 ? mean / 4 : mean > 30 ? Math.max(0, 1 - (mean - 30) / 30) : 1;
        return 10 * (0.6 * wordShare + 0.2 * unique + 0.2 * length);
    }

    /** {@code x} from {@code [low, high]} onto 0-10. */
    private static double scale(double x, double low, double high) {
        return 10 * Math.max(0, Math.min(1, (x - low) / (high - low)));
    }
}
