package org.cgp.llm.embed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cgp.llm.Embedder;

/**
 * In-process all-MiniLM-L6-v2 (384 dims, unit-length vectors), no key and no network. The model
 * is loaded once per JVM on first use. Texts are embedded in padded batches of similar length;
 * a text longer than one chunk of word pieces is embedded chunk by chunk and the chunk vectors
 * averaged by length. Thread-safe.
 */
public final class MiniLmEmbedder implements Embedder {
    public static final String MODEL = MiniLmRuntime.FULL;
    /** The int8-quantised variant: faster, its vectors above cosine 0.97 to the full model's (MiniLmEmbedderTest). */
    public static final String QUANTISED_MODEL = MiniLmRuntime.QUANTISED;
    /** Word pieces (padded) in one ONNX run at most; keeps memory flat for big batches. */
    private static final int TOKENS_PER_RUN = 4096;
    private static final int TEXTS_PER_RUN = 128;
    /** A run's padded size may exceed its real word pieces by this factor at most. */
    private static final double PADDING_ALLOWANCE = 1.25;

    private final String variant;

    /** The full-precision model, the one validators score with. */
    public MiniLmEmbedder() {
        this(MODEL);
    }

    /** {@link #MODEL} or {@link #QUANTISED_MODEL}. */
    public MiniLmEmbedder(String variant) {
        if (!MODEL.equals(variant) && !QUANTISED_MODEL.equals(variant)) {
            throw new IllegalArgumentException("unknown MiniLM variant '" + variant + "'; use " + MODEL + " or " + QUANTISED_MODEL);
        }
        this.variant = variant;
    }

    @Override public String model() {
        return variant;
    }

    @Override public int dimensions() {
        return MiniLmRuntime.DIMENSIONS;
    }

    /** Loads the model now rather than on the first call (a miner calls this at start). */
    public MiniLmEmbedder warmUp() {
        embedAll(List.of("warm up"));
        return this;
    }

    @Override public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) return List.of();
        MiniLmRuntime runtime = MiniLmRuntime.get(variant);
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            long[] ids = runtime.tokenIds(text == null ? "" : text);
            if (ids.length <= MiniLmRuntime.CHUNK_TOKENS) {
                pieces.add(new Piece(i, ids));
            } else {
                for (long[] chunk : MiniLmRuntime.chunks(ids)) pieces.add(new Piece(i, chunk));
            }
        }
        pieces.sort(Comparator.comparingInt(p -> p.ids.length));
        float[][] sums = new float[texts.size()][];
        int from = 0;
        while (from < pieces.size()) {
            // pieces are sorted by length, so the last one added is the longest: padding is
            // (count * longest - real tokens); a run ends before padding passes a quarter of it
            int to = from;
            long real = 0;
            while (to < pieces.size() && to - from < TEXTS_PER_RUN) {
                int len = pieces.get(to).ids.length + 2;
                long padded = (long) len * (to - from + 1);
                if (to > from && (padded > TOKENS_PER_RUN || padded > PADDING_ALLOWANCE * (real + len))) break;
                real += len;
                to++;
            }
            List<Piece> run = pieces.subList(from, to);
            float[][] vectors = runtime.embedTokenized(run.stream().map(p -> p.ids).toList());
            for (int k = 0; k < run.size(); k++) {
                Piece p = run.get(k);
                float weight = p.ids.length + 2;
                float[] sum = sums[p.text] == null ? (sums[p.text] = new float[MiniLmRuntime.DIMENSIONS]) : sums[p.text];
                float[] v = vectors[k];
                for (int d = 0; d < v.length; d++) sum[d] += weight * v[d];
            }
            from = to;
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (float[] sum : sums) out.add(Vectors.normalise(sum));
        return out;
    }

    private record Piece(int text, long[] ids) {}

    @Override public String toString() {
        return "MiniLmEmbedder[" + variant + ", 384 dims]";
    }
}
