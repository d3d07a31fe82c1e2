package org.cgp.validator.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.testing.Peers237;
import org.cgp.scoring.EmitWeights;
import org.cgp.scoring.WeightProcessing;
import org.cgp.scoring.Weights;
import org.cgp.validator.StepSettings;
import org.cgp.validator.ValidatorConfig;
import org.cgp.validator.WeightSetter;
import org.junit.jupiter.api.Test;

/**
 * Our weights against the live function itself: CGP 2.37.74's {@code ValidatorLib.get_raw_weights}
 * through the kit's {@code weights} tool (its {@code main}, driven in one python3 process for
 * speed), on 300 random subnets: moving averages with zeros, an owner or none, a random eligible
 * set. The live raw weights go through the same chain processing as ours; the u16 vectors must be
 * equal.
 */
@org.junit.jupiter.api.Tag("peer")
class LiveWeightsComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Runs the kit's weights_tool.main once per JSON argument list on stdin, one JSON answer per line. */
    private static final String DRIVER = """
            import contextlib, importlib.util, io, json, sys
            spec = importlib.util.spec_from_file_location("weights_tool", sys.argv[1])
            tool = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(tool)
            for line in sys.stdin:
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    rc = tool.main(json.loads(line))
                print(json.dumps({"rc": rc, "out": out.getvalue()}), flush=True)
            """;

    @Test
    void threeHundredRandomSubnetsGiveTheLiveU16Weights() throws Exception {
        String why = Peers237.cryptoUnavailable();
        assumeTrue(why == null, () -> "SKIP live weights comparison: " + why);
        Random random = new Random(2444);
        ValidatorConfig live = ValidatorConfig.defaults(StepSettings.defaults(1), Path.of("unused"));
        SubnetHyperparameters hp = SubnetHyperparameters.permissive();
        WeightSetter setter = new WeightSetter(new OfflineChain(1, List.of(), hp), Keypair.generate(), 1, live);
        Process py = new ProcessBuilder("python3", "-c", DRIVER, Peers237.lib("weights_tool.py").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int compared = 0, withFloor = 0, withOwner = 0;
        try (Writer in = new OutputStreamWriter(py.getOutputStream(), StandardCharsets.UTF_8);
             BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
            for (int c = 0; c < 300; c++) {
                int n = 1 + random.nextInt(c < 150 ? 12 : 256);
                double[] ema = new double[n];
                boolean[] eligible = new boolean[n];
                List<Integer> eligibleUids = new ArrayList<>();
                for (int u = 0; u < n; u++) {
                    ema[u] = random.nextDouble() < 0.35 ? 0 : (1 + random.nextInt(999)) / 1000.0 + u * 1e-7; // distinct, so no tie is shuffled
                    eligible[u] = random.nextDouble() < 0.8;
                    if (eligible[u]) eligibleUids.add(u);
                }
                int owner = random.nextDouble() < 0.7 ? random.nextInt(n) : -1;
                double[] scores = Weights.fromMovingAverage(ema, live.weightsPower()); // the live validator's self.scores
                List<String> args = new ArrayList<>(List.of("--json", "--scores",
                        String.join(",", Arrays.stream(scores).mapToObj(Double::toString).toList()),
                        "--eligible=" + String.join(",", eligibleUids.stream().map(String::valueOf).toList())));
                if (owner >= 0) args.addAll(List.of("--burn-uid", String.valueOf(owner)));
                in.write(JSON.writeValueAsString(args) + "\n");
                in.flush();
                JsonNode answer = JSON.readTree(out.readLine());
                EmitWeights ours = setter.compute(ema, hp, owner, eligible);
                if (answer.path("rc").asInt() != 0) {
                    assertThat(ours.isEmpty()).as("case %d: the live code sets nothing (%s)", c, answer).isTrue();
                    continue;
                }
                JsonNode w = JSON.readTree(answer.path("out").asText()).path("weights");
                double[] liveRaw = new double[n];
                for (int u = 0; u < n; u++) liveRaw[u] = w.get(u).asDouble();
                EmitWeights theirs = Arrays.stream(liveRaw).noneMatch(x -> x > 0) ? new EmitWeights(new int[0], new int[0])
                        : WeightProcessing.forChain(java.util.stream.IntStream.range(0, n).toArray(), liveRaw, n, hp.minAllowedWeights(),
                        hp.maxWeightsLimit(), 0);
                assertThat(ours.uids()).as("case %d uids (n %d, owner %d)", c, n, owner).containsExactly(theirs.uids());
                assertThat(ours.weights()).as("case %d u16 (n %d, owner %d)", c, n, owner).containsExactly(theirs.weights());
                compared++;
                if (owner >= 0) withOwner++;
                for (int u = 0; u < n; u++) if (ema[u] == 0 && eligible[u] && u != owner && liveRaw[u] > 0) { withFloor++; break; }
            }
        } finally {
            py.destroy();
            py.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(compared).as("cases with weights").isGreaterThan(250);
        assertThat(withFloor).as("cases where the floor mattered").isGreaterThan(100);
        assertThat(withOwner).as("cases with an owner").isGreaterThan(150);
    }
}
