package org.cgp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cgp.cli.store.DatasetExport;
import org.cgp.cli.store.Progress;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.task.Tasks;
import org.cgp.validator.conversation.Conversation;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.record.RecordData;
import org.cgp.validator.record.RecordPayload;
import org.cgp.validator.store.ResultStore;
import org.cgp.validator.store.StoreUrl;
import org.cgp.validator.store.StoredBundle;

/**
 * How fast a store takes a validator's writes and gives back the dataset:
 * {@code bench/run StoreBench [--conversations N] [--store URL]} fills a fresh store (a SQLite file
 * in a temporary directory, or the PostgreSQL database given, which should be empty) with N
 * conversations of the sample set, each with a ground truth of 20 tags and their 384-float vectors
 * and 5 windows answered by 3 miners (as a live step records them), then exports JSON Lines and
 * Parquet with and without embeddings. Prints records/s written, conversations/s exported and the
 * file sizes.
 */
public final class StoreBench {
    public static void main(String[] args) throws Exception {
        int n = 5000;
        String url = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--conversations")) n = Integer.parseInt(args[++i]);
            else if (args[i].equals("--store")) url = args[++i];
        }
        Path dir = Files.createTempDirectory("cgp-store-bench");
        StoreUrl store = url != null ? StoreUrl.parse(url) : StoreUrl.sqlite(dir.resolve("bench.sqlite"));
        List<Conversation> samples = ConversationFiles.samples();
        Random random = new Random(33);
        try (ResultStore s = ResultStore.open(store, null)) {
            List<StoredBundle> bundles = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Conversation c = samples.get(i % samples.size());
                bundles.add(StoredBundle.of(new Conversation(Guid.of("bench-" + i), c.participants(), c.lines()), "bench"));
            }
            long t0 = System.nanoTime();
            s.importBundles(bundles, x -> {});
            double importS = (System.nanoTime() - t0) / 1e9;
            long records = 0;
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String guid = "bench-" + i;
                s.record(Guid.of(guid), groundTruth(guid, random));
                records++;
                for (int w = 0; w < 5; w++) {
                    for (int m = 0; m < 3; m++) {
                        s.record(Guid.of(guid), answer(guid, w, m, random));
                        records++;
                    }
                }
            }
            double writeS = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s: imported %d conversations in %.2f s (%.0f/s); wrote %d records in %.2f s (%.0f records/s, one transaction each)%n",
                    store.describe(), n, importS, n / importS, records, writeS, records / writeS);
            for (DatasetExport.Format f : DatasetExport.Format.values()) {
                for (boolean embeddings : new boolean[] {false, true}) {
                    Path out = dir.resolve("dataset" + (embeddings ? "-embeddings" : "") + (f == DatasetExport.Format.PARQUET ? ".parquet" : ".jsonl"));
                    t0 = System.nanoTime();
                    long rows = DatasetExport.export(s, out, f, embeddings, new Progress("", 0, System.err, false));
                    double t = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("export %-7s %-13s %d conversations in %.2f s (%.0f/s), %.1f MiB%n", f.name().toLowerCase(),
                            embeddings ? "+embeddings" : "", rows, t, rows / t, Files.size(out) / 1048576.0);
                }
            }
        }
    }

    static RecordPayload groundTruth(String bundle, Random random) {
        List<String> tags = new ArrayList<>();
        Map<String, RecordData.TagVector> vectors = new LinkedHashMap<>();
        for (int t = 0; t < 20; t++) {
            String tag = "tag" + t;
            tags.add(tag);
            float[] v = new float[384];
            for (int d = 0; d < v.length; d++) v[d] = (float) random.nextGaussian();
            vectors.put(tag, new RecordData.TagVector(v));
        }
        RecordData data = new RecordData.GroundTruth(tags, vectors, List.of(), List.of(), null, null, null, null, null);
        return new RecordPayload("bench", "offline", "minilm", null, "offline", RecordPayload.SCORING_VERSION, "2.30.65", 33, "5Validator",
                RecordPayload.VALIDATOR, null, 1, 0, -1, RecordPayload.recordId(bundle, null, "5Validator", 1), data);
    }

    static RecordPayload answer(String bundle, int window, int miner, Random random) {
        List<String> tags = List.of("tag" + random.nextInt(20), "tag" + random.nextInt(20), "other" + miner);
        String task = bundle + "-w" + window;
        RecordData data = new RecordData.Answer(new RecordData.TagResult(tags, tags, null, null, Map.of()),
                Tasks.conversation(task, bundle, window, List.of(new Line(0, "window " + window)), List.of(), List.of()),
                new RecordData.Score(200, 0.5, 0.7, 0.6, null));
        String hotkey = "5Miner" + miner;
        return new RecordPayload("bench", "offline", "minilm", null, "offline", RecordPayload.SCORING_VERSION, "2.30.65", 33, hotkey,
                RecordPayload.MINER, task, 1, miner + 1, window, RecordPayload.recordId(bundle, task, hotkey, 1), data);
    }
}
