package org.cgp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.localnet.LocalSubnet;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.validator.MinerSampler;
import org.cgp.validator.StepReport;
import org.cgp.validator.StepSettings;
import org.cgp.validator.ValidatorStep;
import org.cgp.validator.conversation.CgpApiSource;
import org.cgp.validator.store.ResultStore;

/**
 * One live-sized validator step: 10 bundles of all six types (the cgp-2.37 kit's inputs, served by
 * a local stand-in for the CGP API), 5 tasks each, 6 local miners (real axons on loopback, offline
 * provider), the offline provider for the validator too, a SQLite store. Prints the wall time,
 * where it went and the process's peak RSS (validator and miners share the JVM); then one step per
 * type (10 bundles of that type in turn), for the phases of each type.
 *
 * <p>Usage: {@code bench/run ValidatorStepBench [steps=3]}.
 */
public final class ValidatorStepBench {
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path inputs = Path.of("../shared/peers/cgp-2.37/inputs");
        if (!Files.isDirectory(inputs)) {
            System.out.println("SKIP ValidatorStepBench: " + inputs.toAbsolutePath() + " not found (it sits in ../shared beside the repository)");
            return;
        }
        List<String> bundles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(inputs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) bundles.add(Files.readString(f));
        }
        System.out.printf("ValidatorStepBench: %d cores, Java %s, load average %s, %d kit bundles served in turn%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), MinerTaskBench.loadAverage(), bundles.size());
        LlmConfig offline = LlmConfig.offline();
        LlmClient llm = LlmProviders.chat(offline);
        Embedder embedder = LlmProviders.embedder(offline);
        AtomicInteger next = new AtomicInteger();
        Path dir = Files.createTempDirectory("cgp-step-bench");
        try (MockWebServer api = new MockWebServer(); LocalSubnet subnet = LocalSubnet.start(6, llm, embedder);
             ResultStore store = ResultStore.sqlite(dir.resolve("bench.sqlite")); Dendrite dendrite = new Dendrite(subnet.validatorKey())) {
            api.setDispatcher(new Dispatcher() {
                @Override public MockResponse dispatch(RecordedRequest r) {
                    return new MockResponse().setHeader("Content-Type", "application/json").setBody(bundles.get(next.getAndIncrement() % bundles.size()));
                }
            });
            api.start();
            ValidatorStep step = ValidatorStep.builder()
                    .source(new CgpApiSource(new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build(), api.url("/"), null, null))
                    .llm(llm).embedder(embedder).dendrite(dendrite).metagraph(() -> subnet.chain().metagraph(LocalSubnet.NETUID))
                    .self(LocalSubnet.VALIDATOR_UID, subnet.validatorKey().ss58Address()).sampler(new MinerSampler(new Random(1), 4096))
                    .recorder(store).settings(StepSettings.defaults(LocalSubnet.NETUID).withMode("bench")).build();
            for (int s = 1; s <= steps; s++) report("step " + s + (s == 1 ? " (cold: JIT, models)" : ""), step);
            List<String> all = new ArrayList<>(bundles);
            try (Stream<Path> types = Files.list(inputs)) {
                for (Path type : types.filter(Files::isDirectory).sorted().toList()) {
                    bundles.clear();
                    for (String b : all) if (b.contains("\"type\": \"" + type.getFileName() + "\"")) bundles.add(b);
                    if (bundles.isEmpty()) continue;
                    next.set(0);
                    report(type.getFileName().toString(), step);
                }
            }
        }
    }

    private static void report(String what, ValidatorStep step) {
        long t0 = System.nanoTime();
        StepReport r = step.run();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long answers = r.windows().stream().mapToLong(w -> w.results().stream().filter(x -> x.status() == 200).count()).sum();
        System.out.printf("%s: %d bundles, %d tasks, %d answers in %d ms (%s); peak RSS %d MiB%n", what,
                r.bundleGuids().size(), r.windows().size(), answers, ms, step.lastTimings(), MinerTaskBench.peakRssMiB());
    }
}
