package org.cgp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.axon.AxonServer;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.WindowPacket;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.wire.BodyHash;
import org.cgp.protocol.wire.SignedMessages;

/**
 * Signed no-op CgSynapse round trips through the real Netty axon and OkHttp dendrite on loopback:
 * requests per second and p50/p99 latency with 1 and 64 concurrent clients, then the in-process
 * cost of the axon's per-request work (verify the caller's signature, parse the body, sign the
 * axon stamp, write the response JSON).
 *
 * <p>Usage: {@code AxonBench [secondsPerPhase=10] [warmupSeconds=5]}.
 */
public final class AxonBench {
    private static final Keypair AXON_KEY = Keypair.fromUri("//Bob");
    private static final Keypair CALLER = Keypair.fromUri("//Alice");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("AxonBench: %d cores, Java %s, %d s per phase after %d s warm-up%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), seconds, warmup);
        CgSynapse request = CgSynapse.request(window(), 12.0);
        System.out.printf("request body: %d bytes (a 10-line window)%n", WireJson.mapper().writeValueAsBytes(request).length);

        overhead(request, warmup, seconds);

        try (AxonServer axon = AxonServer.builder(AXON_KEY).host("127.0.0.1").port(0)
                .maxConcurrentForwards(Runtime.getRuntime().availableProcessors())
                .attach(CgSynapse.NAME, CgSynapse.class, r -> r) // no-op forward
                .start()) {
            AxonInfo target = new AxonInfo("127.0.0.1", axon.port(), axon.hotkey());
            roundTrips(target, request, 1, warmup, seconds);
            roundTrips(target, request, 64, warmup, seconds);
        }
    }

    /** The axon's CPU work per request, without the network: verify + parse + sign + write. */
    private static void overhead(CgSynapse request, int warmup, int seconds) throws Exception {
        ObjectMapper json = WireJson.mapper();
        ObjectNode body = json.valueToTree(request);
        byte[] bodyBytes = json.writeValueAsBytes(body);
        String dendriteHotkey = CALLER.ss58Address();
        String axonHotkey = AXON_KEY.ss58Address();
        byte[] callerKey = CALLER.publicKey();
        String message = SignedMessages.request(1_700_000_000_000_000_000L, dendriteHotkey, axonHotkey, "uuid", BodyHash.EMPTY);
        byte[] signature = CALLER.sign(message.getBytes(StandardCharsets.UTF_8));

        long[] parts = new long[4];
        long ops = 0;
        long end = System.nanoTime() + Duration.ofSeconds(warmup + seconds).toNanos();
        long measureFrom = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
        boolean measuring = false;
        while (System.nanoTime() < end) {
            if (!measuring && System.nanoTime() >= measureFrom) {
                measuring = true;
                Arrays.fill(parts, 0);
                ops = 0;
            }
            long t0 = System.nanoTime();
            if (!Keypair.verify(callerKey, message.getBytes(StandardCharsets.UTF_8), signature)) {
                throw new IllegalStateException("signature did not verify");
            }
            long t1 = System.nanoTime();
            ObjectNode tree = (ObjectNode) json.readTree(bodyBytes);
            String hash = BodyHash.of(tree, List.of());
            CgSynapse parsed = json.treeToValue(tree, CgSynapse.class);
            long t2 = System.nanoTime();
            String stamp = SignedMessages.axon(t2, dendriteHotkey, axonHotkey, "axon-uuid");
            byte[] axonSig = AXON_KEY.sign(stamp.getBytes(StandardCharsets.UTF_8));
            long t3 = System.nanoTime();
            ObjectNode out = json.valueToTree(parsed);
            out.put("computed_body_hash", hash.isEmpty() ? "" : "");
            byte[] written = json.writeValueAsBytes(out);
            long t4 = System.nanoTime();
            if (written.length == 0 || axonSig.length != 64) throw new IllegalStateException();
            parts[0] += t1 - t0;
            parts[1] += t2 - t1;
            parts[2] += t3 - t2;
            parts[3] += t4 - t3;
            ops++;
        }
        double total = (parts[0] + parts[1] + parts[2] + parts[3]) / 1e3 / ops;
        System.out.printf(Locale.ROOT,
                "axon work per request (one thread): %.1f us = verify %.1f + parse %.1f + sign %.1f + write %.1f us"
                        + " -> %.0f requests/s per core%n",
                total, parts[0] / 1e3 / ops, parts[1] / 1e3 / ops, parts[2] / 1e3 / ops, parts[3] / 1e3 / ops,
                1e6 / total);
    }

    private static void roundTrips(AxonInfo target, CgSynapse request, int clients, int warmup, int seconds)
            throws Exception {
        List<Dendrite> dendrites = new ArrayList<>();
        for (int i = 0; i < clients; i++) dendrites.add(new Dendrite(CALLER)); // one uuid (nonce sequence) each
        long measureFrom = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        List<long[]> latencies = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Dendrite d = dendrites.get(i);
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            Thread t = new Thread(() -> {
                int n = 0;
                try {
                    while (true) {
                        long start = System.nanoTime();
                        if (start >= end) break;
                        DendriteResult<CgSynapse> r = d.forward(List.of(target), CgSynapse.NAME, request,
                                CgSynapse.class, Duration.ofSeconds(12)).get(0);
                        long stop = System.nanoTime();
                        if (!r.isSuccess()) {
                            if (failures.incrementAndGet() <= 3) {
                                System.out.println("  failed call: " + r.statusCode() + " " + r.statusMessage());
                            }
                        } else if (start >= measureFrom && n < mine.length - 1) {
                            mine[++n] = stop - start;
                        }
                    }
                } finally {
                    mine[0] = n;
                    done.countDown();
                }
            }, "bench-client-" + i);
            threads.add(t);
            t.start();
        }
        done.await();
        for (Dendrite d : dendrites) d.close();
        int count = 0;
        for (long[] l : latencies) count += (int) l[0];
        long[] all = new long[count];
        int k = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 1, all, k, (int) l[0]);
            k += (int) l[0];
        }
        Arrays.sort(all);
        System.out.printf(Locale.ROOT,
                "%2d client(s): %,.0f signed round trips/s, p50 %.2f ms, p99 %.2f ms (%d calls measured, %d failed)%n",
                clients, count / (double) seconds, pct(all, 0.50) / 1e6, pct(all, 0.99) / 1e6, count, failures.get());
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    static WindowPacket window() {
        List<Line> lines = new ArrayList<>();
        String[] text = {
                "Did you see the hurricane warning for the coast this weekend?",
                "Yes, the navy moved the ships out of the harbour yesterday.",
                "My cousin is stationed there, they evacuated the base.",
                "Is the swimming meet still on Saturday?",
                "They postponed it, the pool is being used as a shelter.",
                "That makes sense, safety first.",
                "I stocked up on water and batteries just in case.",
                "Good idea, the last storm knocked out power for three days.",
                "Let's check in with each other on Sunday.",
                "Sounds good, stay safe everyone."};
        for (int i = 0; i < text.length; i++) lines.add(new Line(i % 3, text[i]));
        return new WindowPacket(Guid.of("271828182845904523536028747135266249775"), 0, lines);
    }
}
