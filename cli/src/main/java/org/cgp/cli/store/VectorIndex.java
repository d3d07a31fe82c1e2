package org.cgp.cli.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.cgp.validator.store.DatasetRow;
import org.cgp.validator.store.ResultStore;
import org.cgp.validator.store.StoreException;

/**
 * The store's conversations as a vector index (Apache Lucene's HNSW graphs, in the process, in a
 * directory beside the store): one vector per conversation (the normalised mean of its latest
 * ground truth's tag embeddings) and one per ground-truth tag. A search ranks conversations by
 * cosine to the query, and names the conversation's tag closest to it. The index records the newest
 * ground truth it holds; {@link #update} indexes again only the conversations tagged since, and
 * {@link #build} rewrites it whole (readers see the old index until the new one is committed).
 */
public final class VectorIndex implements AutoCloseable {
    private static final String GUID = "guid";
    private static final String CONVERSATION = "conversation";
    private static final String TAG_VECTOR = "tag_vector";
    private static final String TAG_TEXT = "tag_text";
    /** The newest ground_truth row id the index holds (a watermark; the bench writes its own label). */
    private static final String BUILT_FROM = "ground_truth_id";
    private static final String DIMENSION = "dimension";
    /** How many neighbours the graph search visits at least, whatever {@code k} (Lucene's k is its beam). */
    static final int MIN_CANDIDATES = 100;

    /** One conversation found: its guid, its cosine to the query, and its tag closest to the query (null when none is near). */
    public record Hit(String guid, double cosine, String closestTag) {}

    private final FSDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private VectorIndex(FSDirectory directory) throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
    }

    /** The index at {@code dir}, which must have been built. */
    public static VectorIndex open(Path dir) {
        try {
            return new VectorIndex(FSDirectory.open(dir));
        } catch (IOException e) {
            throw new StoreException("the vector index " + dir + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether an index was built at {@code dir}. */
    public static boolean exists(Path dir) {
        try (FSDirectory d = FSDirectory.open(dir)) {
            return Files.isDirectory(dir) && DirectoryReader.indexExists(d);
        } catch (IOException e) {
            return false;
        }
    }

    /** What the last commit of the index at {@code dir} recorded ({@code BUILT_FROM}, {@code DIMENSION}); empty when there is no index. */
    private static Map<String, String> commitData(Path dir) {
        if (!exists(dir)) return Map.of();
        try (FSDirectory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
            return r.getIndexCommit().getUserData();
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static long number(Map<String, String> data, String key, long otherwise) {
        try {
            return Long.parseLong(data.getOrDefault(key, String.valueOf(otherwise)));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** One conversation to index: its guid, its vector, and its tags with theirs. */
    public record Entry(String guid, float[] vector, List<DatasetRow.TagEmbedding> tags) {}

    /**
     * Writes the index of {@code store}'s conversations at {@code dir}, replacing what was there in
     * one commit. Conversations without tag embeddings are left out. Returns how many were indexed.
     */
    public static long build(ResultStore store, Path dir, Progress progress) {
        long latest = store.latestGroundTruthId(); // read first: a ground truth stored meanwhile is taken by the next update
        return write(dir, IndexWriterConfig.OpenMode.CREATE, String.valueOf(latest), 0, (sink, w) -> store.forEachConversation(true, row -> {
            progress.step();
            float[] mean = meanOf(row.embeddings());
            if (mean != null) sink.accept(new Entry(row.guid(), mean, row.embeddings()));
        }));
    }

    /**
     * Brings the index at {@code dir} up to {@code store}: the conversations tagged since it was
     * written are indexed again (their old documents replaced), the rest is left as it is. No index
     * yet, or one ahead of the store (another store, or one rebuilt), means a whole {@link #build}.
     * Returns how many conversations were (re)indexed: 0 when the index holds every ground truth.
     */
    public static long update(ResultStore store, Path dir, Progress progress) {
        Map<String, String> data = commitData(dir);
        long from = number(data, BUILT_FROM, -1);
        long latest = store.latestGroundTruthId();
        if (from < 0 || latest < from) return build(store, dir, progress);
        if (latest == from) return 0;
        return write(dir, IndexWriterConfig.OpenMode.APPEND, String.valueOf(latest), (int) number(data, DIMENSION, 0),
                (sink, w) -> store.forEachConversationTaggedAfter(from, true, row -> {
                    progress.step();
                    try {
                        w.deleteDocuments(new Term(GUID, row.guid()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    float[] mean = meanOf(row.embeddings());
                    if (mean != null) sink.accept(new Entry(row.guid(), mean, row.embeddings()));
                }));
    }

    /**
     * Writes the entries {@code source} hands over at {@code dir}, replacing what was there in one
     * commit that records {@code builtFrom}. An entry of another dimension than the first is left out.
     */
    public static long build(Path dir, String builtFrom, Consumer<Consumer<Entry>> source) {
        return write(dir, IndexWriterConfig.OpenMode.CREATE, builtFrom, 0, (sink, w) -> source.accept(sink));
    }

    private interface Source {
        void feed(Consumer<Entry> sink, IndexWriter writer);
    }

    private static long write(Path dir, IndexWriterConfig.OpenMode mode, String builtFrom, int knownDimension, Source source) {
        long[] n = {0};
        int[] dimension = {knownDimension};
        try {
            Files.createDirectories(dir);
            IndexWriterConfig config = new IndexWriterConfig().setOpenMode(mode).setRAMBufferSizeMB(64);
            try (FSDirectory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, config)) {
                source.feed(e -> {
                    if (dimension[0] == 0) dimension[0] = e.vector().length;
                    if (e.vector().length != dimension[0]) return; // a conversation embedded by another model: left out
                    try {
                        w.addDocuments(documents(e));
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                    n[0]++;
                }, w);
                w.setLiveCommitData(Map.of(BUILT_FROM, builtFrom, DIMENSION, String.valueOf(dimension[0])).entrySet());
                w.commit();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot write the vector index " + dir + ": " + e.getMessage(), e);
        }
        return n[0];
    }

    private static List<Document> documents(Entry e) {
        List<Document> docs = new ArrayList<>();
        Document c = new Document();
        c.add(new StringField(GUID, e.guid(), Field.Store.YES));
        c.add(new KnnFloatVectorField(CONVERSATION, e.vector(), VectorSimilarityFunction.COSINE));
        docs.add(c);
        float[] mean = e.vector();
        for (DatasetRow.TagEmbedding t : e.tags()) {
            if (t.vector().length != mean.length || norm(t.vector()) == 0) continue;
            Document d = new Document();
            d.add(new StringField(GUID, e.guid(), Field.Store.YES));
            d.add(new StoredField(TAG_TEXT, t.tag()));
            d.add(new KnnFloatVectorField(TAG_VECTOR, t.vector(), VectorSimilarityFunction.COSINE));
            docs.add(d);
        }
        return docs;
    }

    /** The normalised mean of the tag vectors, or null when there are none of one length or they cancel out. */
    static float[] meanOf(List<DatasetRow.TagEmbedding> tags) {
        float[] sum = null;
        for (DatasetRow.TagEmbedding t : tags) {
            if (t.vector().length == 0) continue;
            if (sum == null) sum = new float[t.vector().length];
            if (t.vector().length != sum.length) continue;
            double n = norm(t.vector());
            if (n == 0) continue;
            for (int i = 0; i < sum.length; i++) sum[i] += (float) (t.vector()[i] / n);
        }
        if (sum == null) return null;
        double n = norm(sum);
        if (n == 0) return null;
        for (int i = 0; i < sum.length; i++) sum[i] = (float) (sum[i] / n);
        return sum;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) s += f * f;
        return Math.sqrt(s);
    }

    /** The dimension of the indexed vectors (0 for an empty index). */
    public int dimension() {
        try {
            return Integer.parseInt(reader.getIndexCommit().getUserData().getOrDefault(DIMENSION, "0"));
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The {@code k} conversations closest to {@code query}, closest first. */
    public List<Hit> search(float[] query, int k) {
        return search(query, k, null);
    }

    /** The {@code k} conversations closest to conversation {@code guid} (itself left out); empty when it is not indexed. */
    public List<Hit> similar(String guid, int k) {
        float[] v = vectorOf(guid);
        return v == null ? List.of() : search(v, k, guid);
    }

    private List<Hit> search(float[] query, int k, String except) {
        if (k < 1) throw new IllegalArgumentException("--k must be at least 1, got " + k);
        int dim = dimension();
        if (dim != 0 && query.length != dim) {
            throw new StoreException("the query has " + query.length + " dimensions but the index " + dim
                    + ": search with the embedder that made the store's vectors");
        }
        try {
            int candidates = Math.max(MIN_CANDIDATES, k + 1);
            TopDocs conv = searcher.search(new KnnFloatVectorQuery(CONVERSATION, query, candidates), candidates);
            Map<String, Double> byGuid = new LinkedHashMap<>();
            StoredFields fields = searcher.storedFields();
            for (ScoreDoc sd : conv.scoreDocs) {
                String g = fields.document(sd.doc).get(GUID);
                if (!g.equals(except)) byGuid.putIfAbsent(g, cosine(sd.score));
            }
            List<Map.Entry<String, Double>> ranked = new ArrayList<>(byGuid.entrySet());
            ranked.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
            if (ranked.size() > k) ranked = ranked.subList(0, k);
            Map<String, String> closestTag = new HashMap<>();
            int tagCandidates = Math.max(MIN_CANDIDATES, 8 * k);
            TopDocs tags = searcher.search(new KnnFloatVectorQuery(TAG_VECTOR, query, tagCandidates), tagCandidates);
            for (ScoreDoc sd : tags.scoreDocs) {
                Document d = fields.document(sd.doc);
                closestTag.putIfAbsent(d.get(GUID), d.get(TAG_TEXT));
            }
            List<Hit> out = new ArrayList<>(ranked.size());
            for (Map.Entry<String, Double> e : ranked) out.add(new Hit(e.getKey(), e.getValue(), closestTag.get(e.getKey())));
            return out;
        } catch (IOException e) {
            throw new StoreException("the vector index cannot be searched: " + e.getMessage(), e);
        }
    }

    /** Whether conversation {@code guid} is indexed (it has ground-truth embeddings). */
    public boolean holds(String guid) {
        return vectorOf(guid) != null;
    }

    /** The indexed vector of conversation {@code guid}, or null. */
    private float[] vectorOf(String guid) {
        try {
            TopDocs td = searcher.search(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(GUID, guid)), BooleanClause.Occur.FILTER)
                    .add(new FieldExistsQuery(CONVERSATION), BooleanClause.Occur.FILTER)
                    .build(), 1);
            if (td.scoreDocs.length == 0) return null;
            int doc = td.scoreDocs[0].doc;
            for (LeafReaderContext leaf : reader.leaves()) {
                if (doc < leaf.docBase || doc >= leaf.docBase + leaf.reader().maxDoc()) continue;
                FloatVectorValues values = leaf.reader().getFloatVectorValues(CONVERSATION);
                int local = doc - leaf.docBase;
                if (values != null && values.advance(local) == local) return values.vectorValue().clone();
            }
            return null;
        } catch (IOException e) {
            throw new StoreException("the vector index cannot be read: " + e.getMessage(), e);
        }
    }

    /** Lucene's cosine score, (1 + cos) / 2, back to the cosine. */
    private static double cosine(float score) { return 2.0 * score - 1; }

    @Override public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException ignored) {
            // a reader that cannot close has nothing left to lose
        }
    }
}
