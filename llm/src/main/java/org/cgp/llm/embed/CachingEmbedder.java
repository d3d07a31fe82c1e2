package org.cgp.llm.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.llm.Embedder;

/**
 * An LRU cache in front of another embedder, keyed by (model, text). Misses of one call are
 * embedded in one batch by the delegate; duplicates within a call are embedded once. Returned
 * arrays are copies, so callers may modify them. Thread-safe.
 *
 * <p>Only texts of at most {@link #MAX_CACHED_CHARS} characters are kept: tags, lines and short
 * passages repeat, whole documents seldom do, and a peer's document-sized text as a key would pin
 * megabytes per task until 50,000 later entries pushed it out (REVIEW-HOSTILE 5b).
 */
public final class CachingEmbedder implements Embedder {
    /** The longest text kept in the cache. */
    public static final int MAX_CACHED_CHARS = 1000;

    private final Embedder delegate;
    private final Map<Key, float[]> cache;
    private long hits;
    private long misses;

    private record Key(String model, String text) {}

    public CachingEmbedder(Embedder delegate, int maxEntries) {
        if (maxEntries < 1) throw new IllegalArgumentException("cache size must be >= 1, got " + maxEntries);
        this.delegate = delegate;
        this.cache = new LinkedHashMap<>(Math.min(maxEntries, 1 << 16), 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override public String model() {
        return delegate.model();
    }

    @Override public int dimensions() {
        return delegate.dimensions();
    }

    @Override public List<float[]> embedAll(List<String> texts) {
        String model = delegate.model();
        float[][] out = new float[texts.size()][];
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        synchronized (cache) {
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i) == null ? "" : texts.get(i);
                float[] v = cache.get(new Key(model, text));
                if (v != null) {
                    out[i] = v;
                    hits++;
                } else {
                    missing.computeIfAbsent(text, t -> new ArrayList<>()).add(i);
                    misses++;
                }
            }
        }
        if (!missing.isEmpty()) {
            List<String> toEmbed = new ArrayList<>(missing.keySet());
            List<float[]> vectors = delegate.embedAll(toEmbed);
            if (vectors.size() != toEmbed.size()) {
                throw new IllegalStateException(delegate.model() + " returned " + vectors.size()
                        + " vectors for " + toEmbed.size() + " texts");
            }
            synchronized (cache) {
                for (int k = 0; k < toEmbed.size(); k++) {
                    float[] v = vectors.get(k);
                    if (toEmbed.get(k).length() <= MAX_CACHED_CHARS) cache.put(new Key(model, toEmbed.get(k)), v);
                    for (int i : missing.get(toEmbed.get(k))) out[i] = v;
                }
            }
        }
        List<float[]> result = new ArrayList<>(out.length);
        for (float[] v : out) result.add(v.clone());
        return result;
    }

    /** Entries held now. */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** Lookups answered from the cache since creation. */
    public long hits() {
        synchronized (cache) {
            return hits;
        }
    }

    /** Lookups that went to the delegate since creation. */
    public long misses() {
        synchronized (cache) {
            return misses;
        }
    }

    public Embedder delegate() {
        return delegate;
    }

    @Override public String toString() {
        return "CachingEmbedder[" + delegate + "]";
    }
}
