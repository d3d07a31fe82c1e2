package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.miner.Miner;
import org.cgp.miner.MinerConfig;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.task.TaskEnvelope;
import org.cgp.protocol.task.Tasks;
import org.junit.jupiter.api.Test;

/** What /metrics serves for a miner run from the command line: its own meters and the JVM's, in Prometheus text. */
class MetersTest {
    @Test
    void aMinersPrometheusPageCarriesItsTaskMetersAndTheJvms() throws Exception {
        PrometheusMeterRegistry registry = Meters.prometheus();
        Keypair key = Keypair.generate();
        MinerConfig config = MinerConfig.local(1).toBuilder().allowNonRegistered(true).forceValidatorPermit(false).build();
        try (Miner miner = Miner.start(config, key, new OfflineChain(1, List.of(), SubnetHyperparameters.permissive()),
                     org.cgp.llm.MeteredLlmClient.wrap(LlmProviders.chat(LlmConfig.offline()), registry), null, registry);
             Dendrite dendrite = new Dendrite(Keypair.generate())) {
            CgSynapse task = CgSynapse.request(Tasks.conversation(TaskEnvelope.HIDDEN, TaskEnvelope.HIDDEN, -1,
                    List.of(new Line(0, "We adopted a rescue dog and take her hiking every weekend."),
                            new Line(1, "Dogs love mountain trails; ours swims in every lake we pass.")),
                    List.of(), List.of("general")), 30.0);
            DendriteResult<CgSynapse> r = dendrite.forward(List.of(new AxonInfo("127.0.0.1", miner.port(), key.ss58Address())),
                    CgSynapse.NAME, task, CgSynapse.class, Duration.ofSeconds(30)).get(0);
            assertThat(r.statusCode()).as(r.statusMessage()).isEqualTo(200);
            okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
            try (okhttp3.Response notFound = http.newCall(new okhttp3.Request.Builder().url("http://127.0.0.1:" + miner.port() + "/NoSuchSynapse")
                    .post(okhttp3.RequestBody.create(new byte[0])).build()).execute()) {
                assertThat(notFound.code()).isEqualTo(404);
            }
        }
        String page = registry.scrape();
        assertThat(page).contains("cgp_miner_windows_total{outcome=\"ok\",type=\"conversation_tagging\"} 1.0")
                .contains("cgp_miner_forward_seconds_count 1")
                .contains("cgp_axon_requests_total{status=\"200\"} 1.0").contains("cgp_axon_requests_total{status=\"404\"} 1.0")
                .contains("cgp_axon_request_seconds_count 2").contains("cgp_axon_request_seconds_bucket{le=\"0.001\"}")
                .contains("cgp_axon_queue_depth 0.0")
                .contains("cgp_llm_request_seconds_count{call=\"window\",outcome=\"ok\",provider=\"offline\"} 1")
                .contains("cgp_llm_errors_total{provider=\"offline\"} 0.0")
                .contains("jvm_memory_used_bytes{")
                .contains("process_uptime_seconds ");
    }
}
