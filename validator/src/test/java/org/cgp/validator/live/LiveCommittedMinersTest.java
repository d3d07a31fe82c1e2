package org.cgp.validator.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.cgp.chain.Neuron;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.commitment.CommitmentKeys;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.task.TaskType;
import org.cgp.protocol.testing.PeerProcesses;
import org.cgp.protocol.testing.Peers237;
import org.cgp.scoring.EmitWeights;
import org.cgp.scoring.WeightProcessing;
import org.cgp.scoring.Weights;
import org.cgp.validator.MinerResult;
import org.cgp.validator.OfflineModels;
import org.cgp.validator.StepReport;
import org.cgp.validator.StepSettings;
import org.cgp.validator.Validator;
import org.cgp.validator.ValidatorConfig;
import org.cgp.validator.WindowOutcome;
import org.cgp.validator.conversation.CgpApiSource;
import org.cgp.validator.record.CgpApiRecorder;
import org.cgp.validator.record.Spool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our validator against three live CGP 2.37 miners ({@code shared/peers/cgp-2.37/miner-peer} on
 * bittensor 10.2's axon) that it can reach only through their sealed commitments: the metagraph
 * shows each a placeholder, a loopback port nothing listens on. One live-sized step over the kit's
 * bundles of all six types from a stand-in CGP API (records in the 2.37 shape), then weights compared with the live
 * {@code get_raw_weights} for the same scores: one miner is the subnet owner (scored, never
 * weighted), a fourth uid serves an address where nothing answers (eligible, scored 0: the floor).
 */
@org.junit.jupiter.api.Tag("peer")
class LiveCommittedMinersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    @Test
    void aStepReachesThreeLiveMinersOnlyThroughTheirCommitmentsAndWeighsThemAsLive() throws Exception {
        String why = Peers237.unavailable();
        assumeTrue(why == null, () -> "SKIP live committed miners: " + why);
        List<String> bundles = new ArrayList<>();
        // round-robin over the types, so the step's ten reservations see every type
        List<List<Path>> byType = new ArrayList<>();
        for (TaskType t : TaskType.values()) byType.add(Peers237.inputs(t.wire()));
        for (int i = 0; bundles.size() < byType.stream().mapToInt(List::size).sum(); i++) {
            for (List<Path> files : byType) if (i < files.size()) bundles.add(Files.readString(files.get(i)));
        }
        AtomicInteger reserved = new AtomicInteger();
        java.util.concurrent.ConcurrentLinkedQueue<JsonNode> records = new java.util.concurrent.ConcurrentLinkedQueue<>();
        byte[] subnetKey = CommitmentKeys.newPrivateKey();
        String subnetPublic = HexFormat.of().formatHex(CommitmentKeys.publicKeyOf(subnetKey));
        int closed = closedPort();
        Keypair validatorKey = Keypair.generate();
        try (MockWebServer api = new MockWebServer();
             Peers237.MinerPeer m1 = Peers237.minerPeer("//Bob", subnetPublic);
             Peers237.MinerPeer m2 = Peers237.minerPeer("//Charlie", subnetPublic);
             Peers237.MinerPeer m3 = Peers237.minerPeer("//Dave", subnetPublic)) {
            api.setDispatcher(new Dispatcher() {
                @Override public MockResponse dispatch(RecordedRequest r) {
                    String path = r.getPath() == null ? "" : r.getPath();
                    if (path.startsWith("/api/v1/conversation/reserve")) {
                        return new MockResponse().setHeader("Content-Type", "application/json")
                                .setBody(bundles.get(reserved.getAndIncrement() % bundles.size()));
                    }
                    if (path.startsWith("/api/v1/conversation/record/")) {
                        try {
                            records.add(JSON.readTree(r.getBody().readUtf8()));
                        } catch (Exception e) {
                            return new MockResponse().setResponseCode(400);
                        }
                        return new MockResponse().setBody("{\"success\": 1}");
                    }
                    return new MockResponse().setResponseCode(404);
                }
            });
            api.start();
            List<Peers237.MinerPeer> peers = List.of(m1, m2, m3);
            List<Neuron> neurons = new ArrayList<>();
            neurons.add(Neuron.of(0, validatorKey.ss58Address(), "c", 5000, true, new AxonInfo("0.0.0.0", 0, validatorKey.ss58Address())));
            for (Peers237.MinerPeer m : peers) {
                assertThat(m.commitment()).as("miner-peer printed its commitment").isNotBlank();
                neurons.add(Neuron.of(neurons.size(), m.hotkey(), "c", 10, false, new AxonInfo("127.0.0.1", closed, m.hotkey())));
            }
            Keypair dead = Keypair.generate();
            neurons.add(Neuron.of(4, dead.ss58Address(), "c", 10, false, new AxonInfo("127.0.0.1", closed, dead.ss58Address())));
            Keypair idle = Keypair.generate();
            neurons.add(Neuron.of(5, idle.ss58Address(), "c", 10, false, new AxonInfo("0.0.0.0", 0, idle.ss58Address())));
            OfflineChain chain = new OfflineChain(1, neurons, SubnetHyperparameters.permissive(), m3.hotkey()); // uid 3 owns the subnet
            for (Peers237.MinerPeer m : peers) chain.withCommitment(m.hotkey(), HexFormat.of().parseHex(m.commitment()));

            ValidatorConfig config = ValidatorConfig.local(StepSettings.defaults(1).withMode("test"), dir.resolve("state"));
            OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
            StepReport report;
            double[] ema;
            try (Validator v = new Validator(config, validatorKey, chain, OfflineModels.llm(), OfflineModels.embedder(),
                    new CgpApiSource(http, api.url("/"), "test-key", null), new CgpApiRecorder(http, api.url("/"), new Spool(dir.resolve("spool"))),
                    subnetKey)) {
                assertThat(v.endpoints().committedCount()).as("all three commitments open at start").isEqualTo(3);
                report = v.runStep();
                ema = v.state().ema();
            }

            assertThat(report.succeeded()).as("step: %s", report.skipped()).isTrue();
            assertThat(report.windows().size()).isGreaterThanOrEqualTo(StepSettings.LIVE_MIN_TASKS);
            int answers = 0;
            for (WindowOutcome o : report.windows()) {
                assertThat(o.results()).extracting(MinerResult::uid).containsExactlyInAnyOrder(1, 2, 3, 4);
                for (MinerResult r : o.results()) {
                    if (r.uid() == 4) {
                        assertThat(r.status()).as("nothing listens where uid 4 points").isEqualTo(503);
                        assertThat(r.statusMessage()).doesNotContain("127.0.0.1");
                        continue;
                    }
                    assertThat(r.status()).as("uid %d on %s: %s", r.uid(), o.type(), r.statusMessage()).isEqualTo(200);
                    if (o.type() == TaskType.SKILL_COVERAGE_EVALUATION) {
                        assertThat(r.vectorCount()).as("tests of uid %d in the scored sections", r.uid()).isPositive();
                    } else {
                        assertThat(r.originalTags()).isNotEmpty();
                    }
                    answers++;
                }
            }
            assertThat(report.windows()).extracting(WindowOutcome::type).as("all six types reached the miners")
                    .contains(TaskType.SKILL_GENERATION, TaskType.SKILL_COVERAGE_EVALUATION, TaskType.CONVERSATION_TAGGING);
            assertThat(report.windows()).filteredOn(o -> o.type() == TaskType.SKILL_COVERAGE_EVALUATION)
                    .allSatisfy(o -> assertThat(o.results()).anySatisfy(r -> assertThat(r.score().finalScore()).as("a live miner's skill bundle scores").isPositive()));
            for (int i = 0; i < 100 && records.stream().noneMatch(x -> x.path("data").path("result").has("test_vectors")); i++) Thread.sleep(100);
            JsonNode skillRecord = records.stream().filter(x -> x.path("data").path("result").has("test_vectors")).findFirst().orElseThrow();
            assertThat(skillRecord.path("data").path("result").path("skill").asText()).isNotBlank();
            assertThat(skillRecord.path("data").path("result").path("skill_vector").isArray()).isTrue();
            skillRecord.path("data").path("result").path("test_vectors").fields().forEachRemaining(e -> e.getValue().forEach(t -> {
                assertThat(t.has("judged_correct")).isTrue();
                assertThat(t.has("vector")).isTrue();
            }));
            assertThat(records).anySatisfy(x -> {
                assertThat(x.path("neuron_type").asText()).isEqualTo("validator");
                assertThat(x.path("data").path("sections").isArray()).isTrue();
                assertThat(x.path("data").path("section_vectors").size()).isBetween(1, 3);
            });
            int served = 0;
            for (Peers237.MinerPeer m : peers) {
                for (String line : m.requests()) {
                    JsonNode req = JSON.readTree(line);
                    if (req.toString().contains("CgSynapse")) served++;
                }
            }
            assertThat(served).as("every query landed on a real endpoint").isEqualTo(answers);

            // the weights against the live get_raw_weights for these scores: owner uid 3 unweighted, uid 4 eligible with the floor
            List<OfflineChain.WeightsSet> sets = chain.weightsSet();
            assertThat(sets).hasSize(1);
            double[] scores = Weights.fromMovingAverage(ema, config.weightsPower());
            PeerProcesses.Result live = Peers237.tool("weights", List.of("--json", "--burn-uid", "3", "--eligible", "1,2,3,4", "--scores",
                    String.join(",", Arrays.stream(scores).mapToObj(Double::toString).toList())), Duration.ofSeconds(60));
            assertThat(live.exit()).as(live.output()).isZero();
            JsonNode w = JSON.readTree(live.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow()).path("weights");
            double[] liveRaw = new double[w.size()];
            for (int i = 0; i < liveRaw.length; i++) liveRaw[i] = w.get(i).asDouble();
            EmitWeights expected = WeightProcessing.forChain(java.util.stream.IntStream.range(0, liveRaw.length).toArray(), liveRaw,
                    liveRaw.length, 1, 65535, 0);
            OfflineChain.WeightsSet set = sets.get(0);
            assertThat(set.uids()).as("owner uid 3 and idle uid 5 get nothing").containsExactly(expected.uids()).containsExactly(1, 2, 4);
            assertThat(set.weights()).containsExactly(expected.weights());
        }
    }

    /** A loopback port with nothing listening (bound once to find it free, then closed). */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
