package org.cgp.validator.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.testing.PeerProcesses;
import org.cgp.protocol.testing.Peers237;
import org.cgp.scoring.GroundTruth;
import org.cgp.scoring.MinerScore;
import org.cgp.scoring.MinerTags;
import org.cgp.scoring.ScoringMechanism;
import org.cgp.scoring.TagEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our evaluator against the live scoring code itself (the cgp-2.37 kit's CGP 2.37.74 tag-similarity
 * mechanisms, run by python3 with numpy) on 300 random cases of every mechanism: the same adjusted and final score,
 * to 6 decimals (our ground-truth mean is kept in 32-bit floats, numpy's in 64), except where the live
 * final score is negative, which we raise to 0 on purpose.
 */
@org.junit.jupiter.api.Tag("peer")
class LiveScoringComparisonTest {
    @TempDir Path dir;

    @Test
    void ourScoresAreTheLiveScores() throws Exception {
        String why = Peers237.unavailable();
        assumeTrue(why == null, () -> "SKIP live scoring comparison: " + why);
        Random r = new Random(33);
        ArrayNode cases = WireJson.mapper().createArrayNode();
        List<Object[]> ours = new ArrayList<>();
        String[] mechanisms = {"ground_truth", "survey", "no_penalty"};
        ScoringMechanism[] ourMechanisms = {ScoringMechanism.GROUND_TRUTH, ScoringMechanism.SURVEY, ScoringMechanism.NO_PENALTY};
        int negatives = 0;
        for (int c = 0; c < 300; c++) {
            int dim = 8 + r.nextInt(24);
            int gtCount = 1 + r.nextInt(8);
            List<String> gt = new ArrayList<>();
            List<float[]> gtv = new ArrayList<>();
            for (int i = 0; i < gtCount; i++) {
                gt.add("topic " + i);
                gtv.add(vector(r, dim));
            }
            int n = r.nextInt(21);
            List<String> tags = new ArrayList<>();
            List<float[]> vs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tags.add(r.nextInt(4) == 0 ? "topic " + r.nextInt(gtCount) : "other " + i); // some shared with the ground truth
                vs.add(vector(r, dim));
            }
            // one vector per distinct tag, as the live dictionary keeps them
            List<String> distinct = new ArrayList<>();
            List<float[]> distinctV = new ArrayList<>();
            for (int i = 0; i < n; i++) if (!distinct.contains(tags.get(i))) { distinct.add(tags.get(i)); distinctV.add(vs.get(i)); }
            int m = c % 3;
            ObjectNode k = cases.addObject();
            k.put("mechanism", mechanisms[m]);
            k.set("gt_tags", WireJson.mapper().valueToTree(gt));
            k.set("gt_vectors", WireJson.mapper().valueToTree(gtv));
            k.set("tags", WireJson.mapper().valueToTree(distinct));
            k.set("vectors", WireJson.mapper().valueToTree(distinctV));
            MinerScore s = new TagEvaluator().evaluate(new GroundTruth(gt, gtv), new MinerTags(1, "h", distinct, distinctV, null), ourMechanisms[m]);
            ours.add(new Object[] {s, distinct.size(), mechanisms[m]});
        }
        Path in = dir.resolve("cases.json");
        Files.write(in, WireJson.mapper().writeValueAsBytes(cases));
        Path script = dir.resolve("live_score.py");
        try (var res = getClass().getResourceAsStream("/live_score.py")) {
            Files.write(script, res.readAllBytes());
        }
        PeerProcesses.Result out = PeerProcesses.run(List.of("bash", "-c", "PYTHONDONTWRITEBYTECODE=1 python3 '" + script + "' '"
                + Peers237.kit().orElseThrow() + "' < '" + in + "'"), Duration.ofMinutes(3));
        assertThat(out.exit()).as(out.output()).isZero();
        String text = out.output().strip();
        JsonNode head = WireJson.mapper().readTree(text.substring(text.lastIndexOf("\n[") + 1 > 0 ? text.lastIndexOf("\n[") + 1 : 0));
        assertThat(head.size()).isEqualTo(ours.size());
        for (int i = 0; i < ours.size(); i++) {
            MinerScore s = (MinerScore) ours.get(i)[0];
            double headAdjusted = head.get(i).get(0).asDouble();
            double headFinal = head.get(i).get(1).asDouble();
            if (headFinal < 0) negatives++;
            assertThat(s.finalScore()).as("case %d (%s, %s tags)", i, ours.get(i)[2], ours.get(i)[1])
                    .isCloseTo(Math.max(0, headFinal), org.assertj.core.api.Assertions.within(1e-6));
            if (headAdjusted >= 0) {
                assertThat(s.adjustedScore()).as("case %d adjusted", i).isCloseTo(headAdjusted, org.assertj.core.api.Assertions.within(1e-6));
            }
        }
        assertThat(negatives).as("random vectors give some negative live scores, which we raise to 0").isPositive();
    }

    private static float[] vector(Random r, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) v[i] = (float) r.nextGaussian();
        return v;
    }
}
