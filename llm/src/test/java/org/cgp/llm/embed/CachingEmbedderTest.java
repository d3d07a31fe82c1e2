package org.cgp.llm.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.cgp.llm.Embedder;
import org.junit.jupiter.api.Test;

class CachingEmbedderTest {
    /** Counts what reaches the model; a vector's first component is the text length. */
    static final class CountingEmbedder implements Embedder {
        final List<List<String>> calls = new ArrayList<>();
        @Override public String model() { return "counting"; }
        @Override public int dimensions() { return 2; }
        @Override public List<float[]> embedAll(List<String> texts) {
            calls.add(List.copyOf(texts));
            return texts.stream().map(t -> new float[] {t.length(), 1}).toList();
        }
    }

    @Test
    void missesGoToTheDelegateInOneBatchAndDuplicatesOnce() {
        CountingEmbedder inner = new CountingEmbedder();
        CachingEmbedder cache = new CachingEmbedder(inner, 100);
        List<float[]> out = cache.embedAll(List.of("aa", "bbb", "aa", "c"));
        assertThat(inner.calls).containsExactly(List.of("aa", "bbb", "c"));
        assertThat(out).extracting(v -> v[0]).containsExactly(2f, 3f, 2f, 1f);

        cache.embedAll(List.of("bbb", "dddd"));
        assertThat(inner.calls).hasSize(2).last().isEqualTo(List.of("dddd"));
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(5);
    }

    /** A peer's document-sized text is embedded but not kept: it would pin its size in keys for 50,000 entries. */
    @Test
    void documentSizedTextsAreNotCached() {
        CountingEmbedder inner = new CountingEmbedder();
        CachingEmbedder cache = new CachingEmbedder(inner, 100);
        String document = "x".repeat(CachingEmbedder.MAX_CACHED_CHARS + 1);
        String passage = "y".repeat(CachingEmbedder.MAX_CACHED_CHARS);
        cache.embedAll(List.of(document, passage));
        assertThat(cache.embedAll(List.of(document, passage))).extracting(v -> v[0])
                .containsExactly((float) document.length(), (float) passage.length());
        assertThat(inner.calls).containsExactly(List.of(document, passage), List.of(document));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void evictsLeastRecentlyUsed() {
        CountingEmbedder inner = new CountingEmbedder();
        CachingEmbedder cache = new CachingEmbedder(inner, 2);
        cache.embedAll(List.of("one", "two"));
        cache.embed("one");            // "two" is now the eldest
        cache.embed("three");          // evicts "two"
        cache.embed("one");
        cache.embed("two");
        assertThat(inner.calls).containsExactly(List.of("one", "two"), List.of("three"), List.of("two"));
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void returnedVectorsAreCopies() {
        CachingEmbedder cache = new CachingEmbedder(new CountingEmbedder(), 10);
        cache.embed("abc")[0] = 99f;
        assertThat(cache.embed("abc")[0]).isEqualTo(3f);
    }

    @Test
    void rejectsANonPositiveSize() {
        assertThatThrownBy(() -> new CachingEmbedder(new CountingEmbedder(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
