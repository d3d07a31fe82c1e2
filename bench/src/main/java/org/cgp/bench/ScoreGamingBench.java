package org.cgp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.cgp.llm.Embedder;
import org.cgp.llm.LiveTagFilter;
import org.cgp.llm.LlmClient;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.llm.TagCleaner;
import org.cgp.llm.TaggingResult;
import org.cgp.protocol.synapse.Line;
import org.cgp.scoring.GroundTruth;
import org.cgp.scoring.MinerTags;
import org.cgp.scoring.ScoringMechanism;
import org.cgp.scoring.TagEvaluator;
import org.cgp.validator.bundle.LiveWindows;
import org.cgp.validator.conversation.Conversation;
import org.cgp.validator.conversation.ConversationFiles;

/**
 * How much the live scoring pays for answers that know nothing: per conversation window of the
 * sample data, the mean final score of an honest miner (the offline tagger), an echo miner (the
 * window's own words, in order) and a generic miner (the same 20 vague words every time), each
 * judged by the live tag filter (the offline good/malformed check) and scored by the live
 * conversation mechanism against the offline ground truth.
 *
 * <p>Usage: {@code bench/run ScoreGamingBench [conversations=40]}.
 */
public final class ScoreGamingBench {
    static final List<String> GENERIC = List.of("life", "people", "time", "family", "friends", "work", "music", "food", "travel",
            "love", "fun", "home", "school", "movies", "sports", "hobbies", "books", "pets", "games", "weekend");

    public static void main(String[] args) throws Exception {
        int max = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Path data = Path.of("../shared/data/facebook-chat-data.json");
        if (!Files.isRegularFile(data)) {
            System.out.println("SKIP ScoreGamingBench: " + data.toAbsolutePath() + " not found");
            return;
        }
        LlmConfig offline = LlmConfig.offline();
        LlmClient llm = LlmProviders.chat(offline);
        Embedder embedder = LlmProviders.embedder(offline);
        TagEvaluator evaluator = new TagEvaluator();
        Random random = new Random(7);
        double[] sums = new double[3];
        double[] nearest = new double[3];
        int windows = 0;
        List<Conversation> convos = ConversationFiles.load(data);
        for (Conversation c : convos.subList(0, Math.min(max, convos.size()))) {
            TaggingResult gt = llm.tagConversation(c.lines(), c.participants());
            if (gt.tags().size() < 3) continue;
            GroundTruth truth = new GroundTruth(gt.tags(), embedder.embedAll(gt.tags()));
            for (List<Line> w : LiveWindows.windows(c.lines())) {
                List<List<String>> answers = List.of(llm.tagWindow(w).tags(), echo(w), GENERIC);
                for (int m = 0; m < 3; m++) {
                    List<String> kept = LiveTagFilter.validateTagSet(answers.get(m), llm::classifyTags, random);
                    if (kept == null || kept.isEmpty()) continue;
                    List<float[]> vs = embedder.embedAll(kept);
                    sums[m] += evaluator.evaluate(truth, new MinerTags(m, "m" + m, kept, vs, null), ScoringMechanism.GROUND_TRUTH).finalScore();
                    nearest[m] += evaluator.evaluate(truth, new MinerTags(m, "m" + m, kept, vs, null), ScoringMechanism.GROUND_TRUTH.nearest()).finalScore();
                }
                windows++;
            }
        }
        System.out.printf("ScoreGamingBench over %d windows, live scoring (cosine to the ground truth's mean): honest %.3f, echo %.3f, generic %.3f%n",
                windows, sums[0] / windows, sums[1] / windows, sums[2] / windows);
        System.out.printf("ScoreGamingBench over %d windows, nearest ground-truth tag: honest %.3f, echo %.3f, generic %.3f%n",
                windows, nearest[0] / windows, nearest[1] / windows, nearest[2] / windows);
    }

    /** The window's own words in order, each in safe form, at most 20: what an echoing miner sends. */
    static List<String> echo(List<Line> window) {
        Set<String> out = new LinkedHashSet<>();
        for (Line l : window) for (String word : l.text().split("\\s+")) TagCleaner.cleanOne(word).ifPresent(out::add);
        return new ArrayList<>(out).subList(0, Math.min(20, out.size()));
    }
}
