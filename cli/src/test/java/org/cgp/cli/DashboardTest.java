package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.llm.MeteredLlmClient;
import org.cgp.localnet.LocalSubnet;
import org.cgp.validator.StepSettings;
import org.cgp.validator.Validator;
import org.cgp.validator.ValidatorConfig;
import org.cgp.validator.ValidatorMetrics;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard in deploy/ queries only metrics the daemons export: a miner and a
 * validator (each with its own Prometheus registry, as two processes have) run a real step on
 * loopback, weights included, and every metric name in the dashboard's queries must be in one of
 * the two scrapes.
 */
class DashboardTest {
    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "cgp-dashboard.json");
    /** A metric name in PromQL: ours, the JVM binders' and the process binders'. */
    static final Pattern METRIC = Pattern.compile("\\b((?:cgp|jvm|process|system)_[a-z0-9_]+)\\b");

    @TempDir Path dir;

    @Test
    void everyMetricTheDashboardQueriesIsOneTheDaemonsExport() throws Exception {
        Set<String> queried = queriedMetrics(new ObjectMapper().readTree(Files.readString(DASHBOARD)));
        assertThat(queried).as("the dashboard covers each area of the issue").contains("cgp_axon_requests_total",
                "cgp_axon_request_seconds_bucket", "cgp_axon_queue_depth", "cgp_llm_request_seconds_bucket", "cgp_llm_errors_total",
                "cgp_validator_records_pending", "cgp_validator_weights_set_total");

        PrometheusMeterRegistry minerRegistry = Meters.prometheus();
        PrometheusMeterRegistry validatorRegistry = Meters.prometheus();
        LlmConfig offline = LlmConfig.offline();
        LlmClient llm = LlmProviders.chat(offline);
        Embedder embedder = LlmProviders.embedder(offline);
        try (LocalSubnet subnet = LocalSubnet.start(2, MeteredLlmClient.wrap(llm, minerRegistry), embedder, minerRegistry);
             ResultStore store = ResultStore.sqlite(dir.resolve("s.sqlite"))) {
            StepSettings step = StepSettings.defaults(LocalSubnet.NETUID).withMaxWindows(2).withSampleSize(2).withBundles(1, 1).withMode("test");
            ValidatorConfig config = ValidatorConfig.local(step, dir.resolve("validator"));
            try (Validator v = new Validator(config, subnet.validatorKey(), subnet.chain(), MeteredLlmClient.wrap(llm, validatorRegistry),
                    embedder, new LocalConversations(ConversationFiles.samples(), "samples"), store)) {
                ValidatorMetrics metrics = new ValidatorMetrics(v::state, v.weights()::last, store::pending);
                metrics.bindTo(validatorRegistry);
                v.onStep(metrics::record);
                v.weights().addListener(metrics.weightsListener());
                assertThat(v.runStep().succeeded()).isTrue();
            }
            assertThat(subnet.chain().weightsSet()).as("the step set weights").isNotEmpty();
        }
        Set<String> exported = new TreeSet<>(exportedMetrics(minerRegistry.scrape()));
        exported.addAll(exportedMetrics(validatorRegistry.scrape()));
        assertThat(exported).contains("cgp_validator_weights_set_total", "cgp_axon_requests_total");
        List<String> missing = new ArrayList<>(queried);
        missing.removeAll(exported);
        assertThat(missing).as("metrics the dashboard queries but no daemon exports").isEmpty();
    }

    static Set<String> queriedMetrics(JsonNode dashboard) {
        Set<String> out = new TreeSet<>();
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> queries.add(e.asText()));
        dashboard.path("templating").findValues("definition").forEach(e -> queries.add(e.asText()));
        for (String q : queries) {
            Matcher m = METRIC.matcher(q);
            while (m.find()) out.add(m.group(1));
        }
        return out;
    }

    static Set<String> exportedMetrics(String scrape) {
        Set<String> out = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') end++;
            out.add(line.substring(0, end));
        }
        return out;
    }
}
