package org.cgp.bench;

import java.util.Arrays;
import org.cgp.chain.tle.Timelock;
import org.cgp.chain.tle.TimelockedCommit;
import org.cgp.protocol.keys.Keypair;

/**
 * Time to build one timelocked weights commit for 256 uids (payload, hash to G1, pairing, AES-GCM):
 * what a validator pays once per epoch on a commit-reveal subnet. Usage: {@code bench/run TimelockBench [iterations=200]}.
 */
public final class TimelockBench {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int[] uids = new int[256];
        int[] values = new int[256];
        for (int i = 0; i < 256; i++) {
            uids[i] = i;
            values[i] = 1 + (i * 257) % 65535;
        }
        byte[] payload = TimelockedCommit.payload(Keypair.fromUri("//Alice").publicKey(), uids, values, 2365, false);
        Timelock tle = Timelock.quicknet();
        for (int i = 0; i < 50; i++) tle.encrypt(payload, 20_000_000 + i); // warm-up: JIT and the native library
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            byte[] ct = tle.encrypt(payload, 20_000_100 + i);
            nanos[i] = System.nanoTime() - t0;
            if (ct.length != Timelock.OVERHEAD + payload.length) throw new IllegalStateException("bad ciphertext length " + ct.length);
        }
        Arrays.sort(nanos);
        System.out.printf("TimelockBench: 256 uids, payload %d bytes, commit %d bytes: p50 %.2f ms, p99 %.2f ms over %d encryptions (load %s)%n",
                payload.length, Timelock.OVERHEAD + payload.length, nanos[n / 2] / 1e6, nanos[Math.min(n - 1, (int) (n * 0.99))] / 1e6, n,
                MinerTaskBench.loadAverage());
    }
}
