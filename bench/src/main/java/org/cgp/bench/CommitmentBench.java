package org.cgp.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.chain.SubtensorChain;
import org.cgp.chain.internal.metadata.StorageEntry;
import org.cgp.chain.internal.metadata.VariantValue;
import org.cgp.chain.internal.scale.Hex;
import org.cgp.chain.internal.subtensor.CommitmentStorage;
import org.cgp.chain.internal.subtensor.SubtensorClient;
import org.cgp.chain.rpc.RpcConfig;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.commitment.CommitmentKeys;
import org.cgp.protocol.commitment.EndpointCommitment;
import org.cgp.protocol.keys.Keypair;
import org.cgp.validator.MinerEndpoints;

/**
 * What a validator's commitment refresh costs (the target: 256 commitments read and
 * decrypted in under 500 ms on loopback).
 * <ol>
 *   <li>Decryption alone: {@code n} sealed endpoints opened with the hotkey check, in process.</li>
 *   <li>With a node URL (chopsticks with the spec-293 runtime, {@code bench/commitments} starts one):
 *       {@code n} commitments written into {@code CommitmentOf} with {@code dev_setStorage}, then the
 *       validator's full refresh ({@link MinerEndpoints#refreshAll}: the map read in one pass over
 *       WebSocket JSON-RPC, decoding, and every decryption), timed over repeated passes.</li>
 * </ol>
 * Usage: {@code CommitmentBench [ws://127.0.0.1:9944] [n=256] [passes=30]}.
 */
public final class CommitmentBench {
    public static void main(String[] args) {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        System.out.printf("CommitmentBench: %d commitments, %d cores, Java %s%n", n, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        byte[] key = CommitmentKeys.newPrivateKey();
        byte[] pub = CommitmentKeys.publicKeyOf(key);
        List<Keypair> miners = new ArrayList<>();
        List<byte[]> sealed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Keypair k = Keypair.generate();
            miners.add(k);
            sealed.add(EndpointCommitment.seal(pub, k.ss58Address(), "203.0.113." + (i % 250 + 1), 8000 + i));
        }
        decryptOnly(key, miners, sealed, passes);
        if (args.length > 0) overRpc(args[0], key, miners, sealed, passes);
    }

    private static void decryptOnly(byte[] key, List<Keypair> miners, List<byte[]> sealed, int passes) {
        long[] t = new long[passes];
        for (int warm = 0; warm < 5; warm++) openAll(key, miners, sealed);
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            openAll(key, miners, sealed);
            t[p] = System.nanoTime() - t0;
        }
        report("decrypt only (" + sealed.size() + " opens)", t);
    }

    private static void openAll(byte[] key, List<Keypair> miners, List<byte[]> sealed) {
        for (int i = 0; i < sealed.size(); i++) EndpointCommitment.open(key, sealed.get(i), miners.get(i).ss58Address());
    }

    private static void overRpc(String url, byte[] key, List<Keypair> miners, List<byte[]> sealed, int passes) {
        int netuid = 1;
        SubtensorClient client = SubtensorClient.connect(url, RpcConfig.defaults());
        try (SubtensorChain chain = new SubtensorChain(client, Duration.ofSeconds(60))) {
            StorageEntry entry = client.metadata().storage(CommitmentStorage.PALLET, CommitmentStorage.COMMITMENT_OF);
            List<List<String>> pairs = new ArrayList<>();
            for (int i = 0; i < miners.size(); i++) {
                byte[] k = client.storageKey(CommitmentStorage.PALLET, CommitmentStorage.COMMITMENT_OF, netuid, miners.get(i).publicKey());
                byte[] v = client.codec().encode(entry.valueType(), Map.of("deposit", 0L, "block", 5L + i,
                        "info", Map.of("fields", List.of(VariantValue.of("Raw" + sealed.get(i).length, sealed.get(i))))));
                pairs.add(List.of(Hex.prefixed(k), Hex.prefixed(v)));
            }
            client.rpc().call("dev_setStorage", pairs);
            List<Neuron> neurons = new ArrayList<>();
            for (int i = 0; i < miners.size(); i++) {
                String hk = miners.get(i).ss58Address();
                neurons.add(Neuron.of(i, hk, hk, 1, false, new AxonInfo("127.0.0.1", 1, hk))); // a placeholder on loopback: nothing is dialled
            }
            Metagraph mg = new Metagraph(netuid, 1, neurons);
            long[] t = new long[passes];
            for (int p = -3; p < passes; p++) {
                MinerEndpoints endpoints = new MinerEndpoints(chain, netuid, key); // a fresh cache: every commitment decrypted
                long t0 = System.nanoTime();
                endpoints.refreshAll(mg, true);
                long dt = System.nanoTime() - t0;
                if (endpoints.committedCount() != miners.size()) {
                    throw new IllegalStateException("opened " + endpoints.committedCount() + " of " + miners.size() + " commitments");
                }
                if (p >= 0) t[p] = dt;
            }
            report("full refresh over RPC (" + miners.size() + " read and decrypted, " + url + ")", t);
        }
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d passes%n", what, s[s.length / 2] / 1e6,
                s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)] / 1e6, s[s.length - 1] / 1e6, s.length);
    }
}
