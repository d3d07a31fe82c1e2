package org.cgp.validator.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cgp.protocol.testing.Peers237;
import org.cgp.scoring.SkillCoverageScoring;
import org.junit.jupiter.api.Test;

/**
 * Our skill-coverage scoring against the live mechanism itself (CGP 2.37.74
 * {@code SkillCoverageScoringMechanism._evaluate_single_response}, run unmodified in one python3
 * process from the kit's vendored code) on 300 random answers: sections with no, few, many (past the
 * cap, without vectors) tests, judged or not, near-duplicates, missing skill vectors.
 */
@org.junit.jupiter.api.Tag("peer")
class LiveSkillCoverageScoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRIVER = """
            import asyncio, contextlib, json, logging, os, sys, types
            sys.path.insert(0, sys.argv[1])
            import peerlib
            peerlib.setup_paths(shims=True)
            os.environ.setdefault("OPENAI_API_KEY", "offline")
            import dotenv
            dotenv.load_dotenv = lambda *a, **k: False
            logging.getLogger("bt").addHandler(logging.NullHandler()); logging.getLogger("bt").propagate = False
            with contextlib.redirect_stdout(sys.stderr):
                from conversationgenome.scoring_mechanism.SkillCoverageScoringMechanism import SkillCoverageScoringMechanism
            m = SkillCoverageScoringMechanism()
            for line in sys.stdin:
                case = json.loads(line)
                resp = types.SimpleNamespace(cgp_output=[case["result"]])
                with contextlib.redirect_stdout(sys.stderr):
                    r = asyncio.run(m._evaluate_single_response(0, resp, case["section_vectors"]))
                print(json.dumps(r, default=float), flush=True)
            """;

    @Test
    void threeHundredRandomAnswersScoreAsTheLiveMechanismScoresThem() throws Exception {
        String why = Peers237.cryptoUnavailable();
        assumeTrue(why == null, () -> "SKIP live skill-coverage scoring: " + why);
        Random random = new Random(2741);
        Process py = new ProcessBuilder("python3", "-c", DRIVER, Peers237.lib("peerlib.py").getParent().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int positive = 0, penalised = 0, zeroed = 0;
        try (Writer in = new OutputStreamWriter(py.getOutputStream(), StandardCharsets.UTF_8);
             BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
            for (int c = 0; c < 300; c++) {
                int dims = 6;
                int sections = 1 + random.nextInt(3);
                Map<String, float[]> sectionVectors = new LinkedHashMap<>();
                Map<String, List<SkillCoverageScoring.ScoredTest>> tests = new LinkedHashMap<>();
                ObjectNode caseNode = JSON.createObjectNode();
                ObjectNode sv = caseNode.putObject("section_vectors");
                ObjectNode result = caseNode.putObject("result");
                ObjectNode tv = result.putObject("test_vectors");
                float[] last = null;
                for (int s = 0; s < sections; s++) {
                    String id = "s" + s;
                    float[] v = vector(random, dims);
                    sectionVectors.put(id, v);
                    sv.set(id, array(v));
                    if (random.nextDouble() < 0.15) continue; // no tests for this section
                    int n = random.nextInt(9);
                    List<SkillCoverageScoring.ScoredTest> list = new ArrayList<>();
                    ArrayNode ta = tv.putArray(id);
                    for (int i = 0; i < n; i++) {
                        float[] tvec = i >= 6 ? null : random.nextDouble() < 0.1 && last != null ? near(random, last) : near(random, v);
                        if (tvec != null) last = tvec;
                        boolean judged = tvec != null && random.nextDouble() < 0.75;
                        list.add(new SkillCoverageScoring.ScoredTest(tvec, judged));
                        ObjectNode t = ta.addObject();
                        if (tvec == null) t.putNull("vector"); else t.set("vector", array(tvec));
                        t.put("judged_correct", judged);
                    }
                    tests.put(id, list);
                }
                float[] skill = random.nextDouble() < 0.1 ? null : vector(random, dims);
                if (skill == null) result.putNull("skill_vector"); else result.set("skill_vector", array(skill));
                in.write(JSON.writeValueAsString(caseNode) + "\n");
                in.flush();
                JsonNode live = JSON.readTree(out.readLine());
                SkillCoverageScoring.Result ours = SkillCoverageScoring.score(sectionVectors, tests, skill);
                assertThat(ours.finalScore()).as("case %d final: %s", c, live).isCloseTo(live.path("final_miner_score").asDouble(), within(1e-9));
                assertThat(ours.adjustedScore()).as("case %d adjusted: %s", c, live).isCloseTo(live.path("adjustedScore").asDouble(), within(1e-9));
                if (live.has("section_coverage")) {
                    assertThat(ours.sectionCoverage()).as("case %d", c).isCloseTo(live.path("section_coverage").asDouble(), within(1e-9));
                    assertThat(ours.skillCoverage()).as("case %d", c).isCloseTo(live.path("skill_coverage").asDouble(), within(1e-9));
                }
                if (ours.finalScore() > 0) positive++;
                if (!ours.penalties().isEmpty()) penalised++;
                if (ours.zeroReason() != null) zeroed++;
            }
        } finally {
            py.destroy();
            py.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(positive).as("cases that scored").isGreaterThan(100);
        assertThat(penalised).as("cases with a penalty").isGreaterThan(100);
        assertThat(zeroed).as("cases a gate zeroed").isGreaterThan(20);
    }

    private static float[] vector(Random r, int dims) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    /** {@code base} plus noise: from a near-duplicate (tiny noise) to a loosely related vector. */
    private static float[] near(Random r, float[] base) {
        double noise = r.nextDouble() < 0.2 ? 0.01 : 0.3 + r.nextDouble();
        float[] v = new float[base.length];
        for (int i = 0; i < base.length; i++) v[i] = (float) (base[i] + noise * r.nextGaussian());
        return v;
    }

    private static ArrayNode array(float[] v) {
        ArrayNode a = JSON.createArrayNode();
        for (float f : v) a.add((double) f);
        return a;
    }
}
