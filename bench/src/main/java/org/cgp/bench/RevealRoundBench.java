package org.cgp.bench;

import java.time.Duration;
import java.util.Arrays;
import org.cgp.chain.SubtensorChain;
import org.cgp.chain.internal.subtensor.SubtensorClient;
import org.cgp.chain.rpc.RpcConfig;
import org.cgp.chain.tle.EpochSchedule;

/**
 * The reveal round a timelocked commit is encrypted to. Part 1: the stateful schedule's walk alone
 * (tempo 360 with reveal periods 1 and 3, and the worst case, an epoch forced only after 50,400
 * blocks). Part 2, with a node URL ({@code bench/commitments}' chopsticks, or any node): the whole
 * {@code SubtensorChain.revealRound}, the best block and the storage items read over RPC.
 *
 * <p>Usage: {@code bench/run RevealRoundBench [ws-url] [netuid=1]}.
 */
public final class RevealRoundBench {
    public static void main(String[] args) {
        double now = System.currentTimeMillis() / 1000.0;
        report("walk, tempo 360, period 1", () -> EpochSchedule.revealRound(new EpochSchedule.State(360, 1000, 0, 10, 200), 1200, 1, 12.0, now));
        report("walk, tempo 360, period 3", () -> EpochSchedule.revealRound(new EpochSchedule.State(360, 1000, 0, 10, 200), 1200, 3, 12.0, now));
        report("walk, forced epochs only (100,800 blocks)",
                () -> EpochSchedule.revealRound(new EpochSchedule.State(1_000_000, 1000, 0, 10, 0), 1200, 1, 12.0, now));
        if (args.length == 0) return;
        int netuid = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        try (SubtensorChain chain = new SubtensorChain(SubtensorClient.connect(args[0], RpcConfig.defaults()), Duration.ofSeconds(60))) {
            chain.revealRound(netuid, now); // connection and metadata
            report("over RPC at " + args[0] + ", netuid " + netuid, () -> chain.revealRound(netuid, System.currentTimeMillis() / 1000.0));
        }
    }

    private static void report(String what, java.util.function.LongSupplier round) {
        for (int i = 0; i < 20; i++) round.getAsLong(); // warm-up
        int n = 200;
        long[] nanos = new long[n];
        long last = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            last = round.getAsLong();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("RevealRoundBench %-45s round %d: p50 %.3f ms, p99 %.3f ms over %d (load %s)%n", what, last, nanos[n / 2] / 1e6,
                nanos[Math.min(n - 1, (int) (n * 0.99))] / 1e6, n, MinerTaskBench.loadAverage());
    }
}
