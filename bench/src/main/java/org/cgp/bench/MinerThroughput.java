package org.cgp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.localnet.LocalSubnet;
import org.cgp.miner.Miner;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.WindowPacket;
import org.cgp.validator.conversation.Conversation;
import org.cgp.validator.conversation.ConversationFiles;

/**
 * Windows tagged per second by one miner with the offline provider: 10-line windows cut from
 * ../shared/data/facebook-chat-data.json, sent over signed loopback HTTP by a real dendrite, with
 * 1 and 4 concurrent callers, each window sent once. Usage: {@code bench/run MinerThroughput [data file]}.
 */
public final class MinerThroughput {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/facebook-chat-data.json");
        if (!Files.isRegularFile(data)) {
            System.out.println("SKIP MinerThroughput: " + data.toAbsolutePath() + " not found (it sits in ../shared/data beside the repository)");
            return;
        }
        List<List<Line>> windows = new ArrayList<>();
        for (Conversation c : ConversationFiles.load(data)) {
            List<Line> lines = c.lines();
            for (int i = 0; i + 10 <= lines.size(); i += 3) windows.add(lines.subList(i, i + 10)); // distinct windows, overlapping as real ones do
        }
        System.out.printf("%d distinct ten-line windows (step 3) from %s%n", windows.size(), data);
        LlmConfig offline = LlmConfig.offline();
        LlmClient llm = LlmProviders.chat(offline);
        Embedder embedder = LlmProviders.embedder(offline);
        try (LocalSubnet subnet = LocalSubnet.start(1, llm, embedder)) {
            Miner miner = subnet.miners().get(0);
            AxonInfo axon = new AxonInfo("127.0.0.1", miner.port(), miner.hotkey());
            // The tagger's embedding cache would flatter repeated windows, so every window is sent
            // once: a warm-up slice (JIT, ONNX session), then disjoint slices per measurement.
            int slice = windows.size() / 3;
            run(subnet, axon, windows.subList(0, slice), 1);
            int[] callerCounts = {1, 4};
            for (int k = 0; k < callerCounts.length; k++) {
                List<List<Line>> fresh = windows.subList(slice * (k + 1), slice * (k + 2));
                double perSecond = run(subnet, axon, fresh, callerCounts[k]);
                System.out.printf("MinerThroughput: %d callers, %d new windows: %.1f windows/s (%.1f ms per window per caller)%n",
                        callerCounts[k], fresh.size(), perSecond, 1000.0 * callerCounts[k] / perSecond);
            }
        }
    }

    /** Each caller is its own dendrite (own uuid), as concurrent validators are: nonces stay ordered per caller. */
    private static double run(LocalSubnet subnet, AxonInfo axon, List<List<Line>> windows, int callers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        long start = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            int offset = t;
            done.add(pool.submit(() -> sendEvery(subnet, axon, windows, offset, callers)));
        }
        int total = 0;
        for (Future<Integer> f : done) total += f.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / seconds;
    }

    /** Sends windows offset, offset + step, ... from one dendrite of its own; returns how many succeeded. */
    private static int sendEvery(LocalSubnet subnet, AxonInfo axon, List<List<Line>> windows, int offset, int step) {
        try (Dendrite dendrite = new Dendrite(subnet.validatorKey())) {
            int ok = 0;
            for (int i = offset; i < windows.size(); i += step) {
                CgSynapse request = CgSynapse.request(new WindowPacket(Guid.HIDDEN, -1, windows.get(i)), 30);
                DendriteResult<CgSynapse> r = dendrite.forward(List.of(axon), CgSynapse.NAME, request, CgSynapse.class,
                        Duration.ofSeconds(30)).get(0);
                if (!r.isSuccess()) throw new IllegalStateException("miner answered " + r.statusCode() + " " + r.statusMessage());
                ok++;
            }
            return ok;
        }
    }
}
