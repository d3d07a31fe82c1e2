package org.cgp.bench;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.cgp.chain.Metagraph;
import org.cgp.chain.SubtensorChain;
import org.cgp.chain.extrinsic.ExtrinsicResult;
import org.cgp.chain.extrinsic.SignedExtrinsic;
import org.cgp.chain.rpc.RpcConfig;
import org.cgp.chain.internal.subtensor.ExtrinsicSubmitter;
import org.cgp.chain.internal.subtensor.NeuronInfoLite;
import org.cgp.chain.internal.subtensor.NeuronsLiteCodec;
import org.cgp.chain.internal.subtensor.SubtensorCalls;
import org.cgp.chain.internal.subtensor.SubtensorClient;
import org.cgp.protocol.keys.Keypair;

/**
 * 1. Metagraph decode: a synthesised 256-neuron {@code get_neurons_lite} answer (both the runtime-218
 *    wrapped and the typed layout) decoded and mapped to {@code Metagraph} (SS58 included).
 * 2. Submit to in-block: signed {@code Balances.transfer_allow_death} extrinsics from //Alice against
 *    a running node (chopsticks with the runtime-218 spec, see chain/README.md), split into signing
 *    (nonce, era and runtime-version reads included), submission to the in-block notification, and
 *    the event read that decides success.
 *
 * <p>Usage: {@code ChainBench [ws://127.0.0.1:9944] [transfers=20]}; without a URL only part 1 runs.
 */
public final class ChainBench {
    public static void main(String[] args) {
        System.out.printf("ChainBench: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        decode(256);
        if (args.length > 0) submit(args[0], args.length > 1 ? Integer.parseInt(args[1]) : 20);
    }

    private static void decode(int n) {
        List<NeuronInfoLite> neurons = new ArrayList<>(n);
        for (int uid = 0; uid < n; uid++) {
            byte[] hot = new byte[32], cold = new byte[32];
            for (int i = 0; i < 32; i++) {
                hot[i] = (byte) (uid * 31 + i * 7);
                cold[i] = (byte) (uid * 17 + i * 3);
            }
            neurons.add(new NeuronInfoLite(hot, cold, uid, 33, true, 4_000_000 + uid, 10_002_000, BigInteger.valueOf(0x0a000000L + uid),
                    8091, 4, 4, 1_234_567_890_123L + uid, 0, 98_765_432L, uid * 200, uid * 100, 0, uid * 50, uid * 120,
                    5_000_000 + uid, uid % 4 == 0, 65535));
        }
        for (boolean wrapped : new boolean[] {true, false}) {
            byte[] blob = NeuronsLiteCodec.encode(neurons, wrapped);
            String layout = wrapped ? "wrapped (218)" : "typed (293+)";
            for (int i = 0; i < 3000; i++) SubtensorChain.toMetagraph(33, 1, NeuronsLiteCodec.decode(blob)); // warm-up
            int runs = 2000;
            long[] decodeOnly = new long[runs], full = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                List<NeuronInfoLite> decoded = NeuronsLiteCodec.decode(blob);
                long t1 = System.nanoTime();
                Metagraph mg = SubtensorChain.toMetagraph(33, 1, decoded);
                long t2 = System.nanoTime();
                if (mg.n() != n) throw new IllegalStateException("decoded " + mg.n() + " neurons");
                decodeOnly[i] = t1 - t0;
                full[i] = t2 - t0;
            }
            System.out.printf(Locale.ROOT, "metagraph decode, %d neurons, %s, %d bytes: SCALE only p50 %.3f ms p99 %.3f ms; "
                            + "with Metagraph mapping (SS58) p50 %.3f ms p99 %.3f ms%n",
                    n, layout, blob.length, pct(decodeOnly, 50), pct(decodeOnly, 99), pct(full, 50), pct(full, 99));
        }
    }

    private static void submit(String url, int count) {
        Keypair alice = Keypair.fromUri("//Alice");
        byte[] bob = Keypair.fromUri("//Bob").publicKey();
        try (SubtensorClient client = SubtensorClient.connect(url, RpcConfig.defaults())) {
            SubtensorCalls calls = new SubtensorCalls(client.metadata());
            ExtrinsicSubmitter submitter = new ExtrinsicSubmitter(client, Duration.ofSeconds(60), SubtensorChain.ERA_PERIOD);
            System.out.printf("node %s, runtime spec %d%n", url, client.runtimeVersion().specVersion());
            long[] sign = new long[count], inBlock = new long[count], total = new long[count];
            for (int i = -2; i < count; i++) { // two warm-up transfers
                long t0 = System.nanoTime();
                SignedExtrinsic xt = submitter.sign(calls.transfer(bob, 1_000 + i), alice);
                long t1 = System.nanoTime();
                ExtrinsicResult r = submitter.submitAndWatch(xt);
                long t2 = System.nanoTime();
                if (!r.emitted("System.ExtrinsicSuccess")) throw new IllegalStateException("transfer failed: " + r.events());
                if (i < 0) continue;
                sign[i] = t1 - t0;
                inBlock[i] = r.inclusionMillis() * 1_000_000L;
                total[i] = t2 - t0;
            }
            System.out.printf(Locale.ROOT, "submit to in-block, %d transfers: sign p50 %.1f ms; submit->inBlock p50 %.1f ms p99 %.1f ms; "
                            + "sign+submit+inBlock+events p50 %.1f ms p99 %.1f ms%n",
                    count, pct(sign, 50), pct(inBlock, 50), pct(inBlock, 99), pct(total, 50), pct(total, 99));
        }
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int idx = Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1);
        return s[Math.max(0, idx)] / 1e6;
    }
}
