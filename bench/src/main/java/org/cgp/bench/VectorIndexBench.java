package org.cgp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.cgp.cli.store.VectorIndex;

/**
 * The store's vector index at scale: N conversation vectors (384 dimensions, as MiniLM's), drawn
 * around 2,000 topics so that neighbourhoods look like real embeddings' (a conversation's cosine to
 * its topic about 0.7), indexed with {@link VectorIndex} (Lucene HNSW, the defaults the CLI uses);
 * then Q queries (a stored vector moved a little, as a paraphrase moves an embedding) searched for
 * their 10 nearest conversations. Reports build time, recall@10 against exact search (brute force
 * over every vector), and the query latency's p50/p99 (conversation search as {@code ./cgp store
 * search} runs it; the bench indexes no tag documents).
 *
 * <pre>bench/run VectorIndexBench [conversations=100000] [queries=1000]</pre>
 */
public final class VectorIndexBench {
    static final int DIM = 384;
    static final int TOPICS = 2000;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Random random = new Random(42);
        float[][] topics = new float[TOPICS][];
        for (int t = 0; t < TOPICS; t++) topics[t] = unit(gaussian(random, 1.0));
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] noise = gaussian(random, 1.0);
            float[] topic = topics[random.nextInt(TOPICS)];
            float[] v = new float[DIM];
            double noiseNorm = norm(noise);
            for (int d = 0; d < DIM; d++) v[d] = topic[d] + (float) (noise[d] / noiseNorm); // cos to the topic about 0.7
            vectors[i] = unit(v);
        }
        Path dir = Files.createTempDirectory("cgp-vector-bench");
        long t0 = System.nanoTime();
        long indexed = VectorIndex.build(dir, "bench", sink -> {
            for (int i = 0; i < n; i++) sink.accept(new VectorIndex.Entry(String.valueOf(i), vectors[i], List.of()));
        });
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("indexed %d conversations of %d dimensions in %.1f s (%.0f /s), %d cores%n", indexed, DIM, buildSeconds,
                indexed / buildSeconds, Runtime.getRuntime().availableProcessors());

        float[][] qs = new float[queries][];
        for (int q = 0; q < queries; q++) {
            float[] base = vectors[random.nextInt(n)];
            float[] noise = gaussian(random, 1.0);
            double noiseNorm = norm(noise);
            float[] v = new float[DIM];
            for (int d = 0; d < DIM; d++) v[d] = base[d] + (float) (0.5 * noise[d] / noiseNorm);
            qs[q] = unit(v);
        }
        try (VectorIndex index = VectorIndex.open(dir)) {
            for (int w = 0; w < Math.min(200, queries); w++) index.search(qs[w], 10); // warm-up
            long[] nanos = new long[queries];
            double recall = 0;
            for (int q = 0; q < queries; q++) {
                long s = System.nanoTime();
                List<VectorIndex.Hit> hits = index.search(qs[q], 10);
                nanos[q] = System.nanoTime() - s;
                List<String> exact = exactTop10(vectors, qs[q]);
                int found = 0;
                for (VectorIndex.Hit h : hits) if (exact.contains(h.guid())) found++;
                recall += found / 10.0;
            }
            Arrays.sort(nanos);
            System.out.printf("recall@10 %.4f over %d queries; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", recall / queries, queries,
                    nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.99) - 1] / 1e6, nanos[queries - 1] / 1e6);
        }
        System.out.printf("peak RSS %d MiB%n", MinerTaskBench.peakRssMiB());
    }

    private static List<String> exactTop10(float[][] vectors, float[] q) {
        int[] best = new int[10];
        double[] score = new double[10];
        Arrays.fill(score, -2);
        for (int i = 0; i < vectors.length; i++) {
            double s = 0;
            float[] v = vectors[i];
            for (int d = 0; d < DIM; d++) s += v[d] * q[d];
            if (s <= score[9]) continue;
            int j = 9;
            while (j > 0 && score[j - 1] < s) {
                score[j] = score[j - 1];
                best[j] = best[j - 1];
                j--;
            }
            score[j] = s;
            best[j] = i;
        }
        List<String> out = new ArrayList<>(10);
        for (int b : best) out.add(String.valueOf(b));
        return out;
    }

    private static float[] gaussian(Random r, double sd) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) v[d] = (float) (r.nextGaussian() * sd);
        return v;
    }

    private static float[] unit(float[] v) {
        double n = norm(v);
        for (int d = 0; d < v.length; d++) v[d] = (float) (v[d] / n);
        return v;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) s += f * f;
        return Math.sqrt(s);
    }
}
