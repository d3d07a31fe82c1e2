package org.cgp.validator.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.task.TaskType;
import org.cgp.protocol.testing.HeadPeers;
import org.cgp.scoring.CubicWeights;
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
 * Our validator against three live Python miners ({@code shared/peers/cgp-head/miner-peer}: HEAD's
 * Miner.forward on bittensor 9.0.0's axon) and a local server standing in for the CGP API, serving
 * the kit's bundles of all four types: one live-sized step (10 bundles, 6 miners per task, at
 * least 10 tasks), then the weights.
 */
@org.junit.jupiter.api.Tag("peer")
class LiveMinerPeersTest {
    @TempDir Path dir;
    /** The types CGP 2.30.65 sends (the skill types came later). */
    static final List<TaskType> HEAD_TYPES = List.of(TaskType.CONVERSATION_TAGGING, TaskType.WEBPAGE_METADATA_GENERATION,
            TaskType.SURVEY_TAGGING, TaskType.NAMED_ENTITIES_EXTRACTION);

    @Test
    void oneStepAgainstThreeLivePythonMinersAndTheApi() throws Exception {
        String why = HeadPeers.unavailable();
        assumeTrue(why == null, () -> "SKIP live miner peers: " + why);
        List<String> bundles = new ArrayList<>();
        for (TaskType t : HEAD_TYPES) for (Path f : HeadPeers.inputs(t.wire())) bundles.add(Files.readString(f));
        ConcurrentLinkedQueue<JsonNode> records = new ConcurrentLinkedQueue<>();
        AtomicInteger reserved = new AtomicInteger();
        Keypair validatorKey = Keypair.generate();
        try (MockWebServer api = new MockWebServer();
             HeadPeers.MinerPeer m1 = HeadPeers.minerPeer("//Bob");
             HeadPeers.MinerPeer m2 = HeadPeers.minerPeer("//Charlie");
             HeadPeers.MinerPeer m3 = HeadPeers.minerPeer("//Dave")) {
            api.setDispatcher(new Dispatcher() {
                @Override public MockResponse dispatch(RecordedRequest r) {
                    String path = r.getPath() == null ? "" : r.getPath();
                    if (path.startsWith("/api/v1/conversation/reserve")) {
                        int i = reserved.getAndIncrement();
                        return new MockResponse().setHeader("Content-Type", "application/json").setBody(bundles.get(i % bundles.size()));
                    }
                    if (path.startsWith("/api/v1/conversation/record/")) {
                        try {
                            records.add(WireJson.mapper().readTree(r.getBody().readUtf8()));
                        } catch (Exception e) {
                            return new MockResponse().setResponseCode(400);
                        }
                        return new MockResponse().setBody("{\"success\": 1}");
                    }
                    return new MockResponse().setResponseCode(404);
                }
            });
            api.start();
            List<Neuron> neurons = new ArrayList<>();
            neurons.add(Neuron.of(0, validatorKey.ss58Address(), "c", 5000, true, new AxonInfo("0.0.0.0", 0, validatorKey.ss58Address())));
            int uid = 1;
            for (HeadPeers.MinerPeer m : List.of(m1, m2, m3)) {
                neurons.add(Neuron.of(uid++, m.hotkey(), "c", 10, false, new AxonInfo("127.0.0.1", m.port(), m.hotkey())));
            }
            // the validator's own hotkey owns the subnet here: uid 0 is left out of the weights
            OfflineChain chain = new OfflineChain(1, neurons, SubnetHyperparameters.permissive(), validatorKey.ss58Address());
            ValidatorConfig config = ValidatorConfig.local(StepSettings.defaults(1).withMode("test"), dir.resolve("state"));
            OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
            StepReport report;
            double[] ema;
            try (Validator v = new Validator(config, validatorKey, chain, OfflineModels.llm(), OfflineModels.embedder(),
                    new CgpApiSource(http, api.url("/"), "test-key", null), new CgpApiRecorder(http, api.url("/"), new Spool(dir.resolve("spool"))))) {
                report = v.runStep();
                ema = v.state().ema();
                for (int i = 0; i < 100 && v.state() != null && records.size() < expectedRecords(report); i++) Thread.sleep(100);
            }

            assertThat(report.succeeded()).as("step: %s", report.skipped()).isTrue();
            assertThat(reserved.get()).isEqualTo(StepSettings.LIVE_BUNDLES);
            assertThat(report.windows()).extracting(WindowOutcome::type).contains(HEAD_TYPES.toArray(TaskType[]::new));
            assertThat(report.windows().size()).isGreaterThanOrEqualTo(StepSettings.LIVE_MIN_TASKS);
            for (WindowOutcome o : report.windows()) {
                assertThat(o.results()).as("task %s of %s", o.taskId(), o.bundleGuid()).hasSize(3);
                for (MinerResult r : o.results()) {
                    assertThat(r.status()).as("uid %d on %s %s: %s", r.uid(), o.type(), o.bundleGuid(), r.statusMessage()).isEqualTo(200);
                    assertThat(r.originalTags()).as("uid %d sent tags for %s", r.uid(), o.type()).isNotEmpty();
                    assertThat(r.score().uid()).isEqualTo(r.uid());
                    assertThat(r.score().hotkey()).isEqualTo(neurons.get(r.uid()).hotkey());
                }
                assertThat(o.results()).as("a live miner's tags survive our judging of %s", o.type())
                        .anySatisfy(r -> assertThat(r.score().finalScore()).isPositive());
            }

            // records in the live shape: one validator record per bundle, one miner record per answer
            List<JsonNode> validatorRecords = records.stream().filter(r -> r.path("neuron_type").asText().equals("validator")).toList();
            List<JsonNode> minerRecords = records.stream().filter(r -> r.path("neuron_type").asText().equals("miner")).toList();
            assertThat(validatorRecords).hasSize(report.bundleGuids().size()).allSatisfy(r -> {
                assertThat(r.path("task_id").isNull()).isTrue();
                assertThat(r.path("batch_number").asLong()).isBetween(100_000L, 9_999_999L);
                assertThat(r.path("data").path("tags").size()).isPositive();
                assertThat(r.path("data").path("vectors").size()).isEqualTo(r.path("data").path("tags").size());
                assertThat(r.path("cgp_version").asText()).isEqualTo(StepSettings.CGP_VERSION);
                assertThat(r.path("record_id").asText()).isNotBlank();
            });
            assertThat(minerRecords).hasSize(report.windows().size() * 3).allSatisfy(r -> {
                assertThat(r.path("task_id").asText()).isNotBlank().isNotEqualTo("HIDDEN");
                assertThat(r.path("data").path("result").path("original_tags").isArray()).isTrue();
                assertThat(r.path("data").path("result").path("tags").isArray()).isTrue();
                assertThat(r.path("data").path("task").path("bundle_guid").asText()).isNotEqualTo("HIDDEN");
                assertThat(r.path("data").path("task").path("type").asText()).isNotBlank();
            });
            assertThat(records.stream().map(r -> r.path("record_id").asText()).distinct().count()).isEqualTo(records.size());

            // weights as live since 2.34.70: normalise, cube, rank-based cubic with the owner's uid 0 left out, nothing burnt
            List<OfflineChain.WeightsSet> sets = chain.weightsSet();
            assertThat(sets).hasSize(1);
            boolean[] eligible = {false, true, true, true};
            double[] expected = CubicWeights.of(Weights.fromMovingAverage(ema, 3), 0, 0, eligible);
            double top = java.util.Arrays.stream(expected).max().orElseThrow();
            int[] u16 = new int[expected.length];
            OfflineChain.WeightsSet set = sets.get(0);
            for (int i = 0; i < set.uids().length; i++) u16[set.uids()[i]] = set.weights()[i];
            assertThat(u16[0]).as("the owner").isZero();
            for (int i = 1; i < expected.length; i++) {
                assertThat(u16[i]).as("uid %d", i).isCloseTo((int) Math.round(65535 * expected[i] / top), org.assertj.core.api.Assertions.within(1));
            }
        }
    }

    private static int expectedRecords(StepReport r) {
        return r.bundleGuids().size() + r.windows().size() * 3;
    }
}
