package org.cgp.validator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.validator.WeightsEvent;
import org.cgp.validator.bundle.TaskBundle;
import org.cgp.validator.record.Backoff;
import org.cgp.validator.record.RecordPayload;
import org.cgp.validator.record.ResultRecorder;
import org.cgp.validator.record.Spool;
import org.cgp.validator.record.SpoolEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store of everything a validator does, in SQLite or PostgreSQL (one schema, {@link Migrations}):
 * the bundles it reserved or an operator imported, the tasks it sent, the ground truth, each miner's
 * answer and its score, and the weights it set. Several validators may write one store at once:
 * every row has a natural key and a row stored already is left alone.
 *
 * <p>Opening checks the store is reachable and its schema not newer than this code, and migrates
 * it, or fails with one {@link StoreException} line. Once open, a write the database cannot take
 * for a while (the server restarting, the network down, the file locked) is kept in the spool
 * directory, when one is given, and the spool is written, in order, before the next write once the
 * store answers again (tried again after 1 s, doubling to a minute, so a step never waits on a store
 * that is away); nothing is lost.
 */
public final class ResultStore implements ResultRecorder {
    private static final Logger log = LoggerFactory.getLogger(ResultStore.class);

    /** One stored record, for tests and the local round's summary: validator ("ground truth") or miner. */
    public record Row(String guid, String type, String hotkey, Integer uid, int windowIndex, String json) {}

    private final StoreUrl url;
    private final Spool spool;
    private final StoreConnection connection;
    /** Writes waiting in the spool; read without the lock (the metrics page must not wait for a write). */
    private volatile int spooled;
    /** While the store is away, writes go straight to the spool until then (a connect can take {@value StoreConnection#PG_CONNECT_TIMEOUT_S} s). */
    private long retryAtNanos;
    /** The wait before the store is tried again: 1 s doubling to a minute. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private final Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF, false);
    /** The kinds of the store's spool entries besides {@link SpoolEntry#RECORD}. */
    private static final String BUNDLE = "bundle";
    private static final String WEIGHTS = "weights";
    /** The {@code source} of a bundle a validator reserved (from the CGP API); imported ones say {@code import FILE}. */
    static final String RESERVED = "reserved";

    private ResultStore(StoreUrl url, Spool spool) {
        this.url = url;
        this.spool = spool;
        this.connection = new StoreConnection(url);
        try {
            List<Integer> applied = Migrations.migrate(connection.get(), url.dialect(), url.describe());
            if (!applied.isEmpty()) log.info("Migrated {} to schema version {} (applied {})", url.describe(), Migrations.LATEST, applied);
        } catch (SQLException e) {
            connection.close();
            throw new StoreException(url.describe() + ": cannot prepare its schema: " + oneLine(e), e);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        this.spooled = spool == null ? 0 : spool.pending().size();
        if (spooled > 0) {
            log.info("Found {} writes for {} waiting in {}; writing them", spooled, url.describe(), spool.dir());
            drainSpool();
        }
    }

    /** Opens (and migrates) the store at {@code url}; writes wait in {@code spoolDir} while it is unavailable (null: they fail). */
    public static ResultStore open(StoreUrl url, Path spoolDir) {
        return new ResultStore(url, spoolDir == null ? null : new Spool(spoolDir));
    }

    /** A SQLite file, no spool: the local round and tests. */
    public static ResultStore sqlite(Path file) {
        return open(StoreUrl.sqlite(file), null);
    }

    public StoreUrl url() { return url; }

    @Override public String describe() { return url.describe(); }

    @Override public int pending() { return spooled; }

    /** The connection's network timeout in milliseconds (0: none), for the tests. */
    synchronized int networkTimeoutMillis() throws SQLException { return connection.get().getNetworkTimeout(); }

    // ---- writes ----

    @Override public void record(Guid conversation, RecordPayload payload) {
        write(() -> SpoolEntry.record(conversation, payload), c -> StoreWrites.record(c, url.dialect(), conversation.value(), payload));
    }

    @Override public void recordBundle(TaskBundle bundle) {
        StoredBundle b = StoredBundle.of(bundle, RESERVED);
        write(() -> SpoolEntry.of(BUNDLE, "bundle", b), c -> StoreWrites.bundle(c, url.dialect(), b));
    }

    @Override public void recordWeights(WeightsEvent event) {
        write(() -> SpoolEntry.of(WEIGHTS, "event", event), c -> StoreWrites.weights(c, url.dialect(), event));
    }

    /**
     * Adds {@code bundles} in one transaction: all or, on any failure, none. Returns how many were
     * new (a guid stored already is skipped).
     */
    public synchronized int importBundles(List<StoredBundle> bundles, Consumer<Integer> progress) {
        int[] added = {0};
        try {
            connection.inTransaction(c -> {
                added[0] = 0;
                int i = 0;
                for (StoredBundle b : bundles) {
                    if (StoreWrites.bundle(c, url.dialect(), b)) added[0]++;
                    progress.accept(++i);
                }
            });
        } catch (SQLException e) {
            throw new StoreException(url.describe() + ": import failed, nothing was added: " + oneLine(e), e);
        }
        return added[0];
    }

    /** Writes {@code w} now, or keeps {@code entry} (made only then) in the spool while the store is away. */
    private synchronized void write(Supplier<JsonNode> entry, StoreConnection.Write w) {
        if (spooled > 0 && System.nanoTime() - retryAtNanos >= 0) drainSpool();
        if (spooled > 0) { // the store is still away: wait behind the others, in order
            spool(entry.get());
            return;
        }
        try {
            connection.inTransaction(w);
        } catch (SQLException e) {
            if (spool != null && !StoreConnection.isTransient(e)) {
                // this one write is refused for good (its data, not the store): it alone is lost to the store, kept aside on disk
                Path aside;
                try {
                    aside = spool.quarantine(spool.add(entry.get()));
                } catch (RuntimeException io) {
                    throw new StoreException(url.describe() + ": cannot write (" + oneLine(e) + ") nor keep the write aside: " + io.getMessage(), e);
                }
                log.error("{} refused a write ({}); kept aside as {}, the step goes on", url.describe(), oneLine(e), aside);
                return;
            }
            if (spool == null) throw new StoreException(url.describe() + ": cannot write: " + oneLine(e), e);
            long wait = backOff();
            log.warn("{} is unavailable ({}); writes wait in {}, the next try in {} s", url.describe(), oneLine(e), spool.dir(), wait / 1000);
            spool(entry.get());
        }
    }

    /** The store refused: no write tries it again for a while ({@link #FIRST_BACKOFF} doubling to {@link #MAX_BACKOFF}), so a step never waits on it. */
    private long backOff() {
        long wait = backoff.failed();
        retryAtNanos = System.nanoTime() + wait * 1_000_000;
        return wait;
    }

    private void spool(JsonNode entry) {
        try {
            spool.add(entry);
        } catch (RuntimeException e) {
            throw new StoreException("cannot keep a write for " + url.describe() + " in " + spool.dir() + ": " + e.getMessage(), e);
        }
        spooled++;
    }

    /**
     * Writes what waits in the spool, oldest first, until the store refuses again. An entry that
     * cannot be read back, or that the store refuses for good, is moved aside so it never blocks
     * the others. The count of waiting writes is the spool's, read again at the end.
     */
    private void drainSpool() {
        if (spool == null) return;
        int waiting = spooled;
        for (Path p : spool.pending()) {
            try {
                JsonNode e = WireJson.mapper().readTree(spool.read(p));
                connection.inTransaction(c -> replay(c, e));
                spool.remove(p);
            } catch (SQLException ex) {
                if (StoreConnection.isTransient(ex)) {
                    backOff();
                    break;
                }
                log.error("A waiting write {} is refused by {} ({}); moved aside as {}", p, url.describe(), oneLine(ex), spool.quarantine(p));
            } catch (IOException | RuntimeException ex) {
                log.error("A waiting write {} cannot be read back ({}); moved aside as {}", p, ex.getMessage(), spool.quarantine(p));
            }
        }
        spooled = spool.pending().size();
        if (spooled == 0) {
            backoff.succeeded();
            if (waiting > 0) log.info("{} answers again: wrote the {} writes that waited in {}", url.describe(), waiting, spool.dir());
        }
    }

    private void replay(Connection c, JsonNode e) throws SQLException {
        try {
            switch (SpoolEntry.kind(e)) {
                case SpoolEntry.RECORD -> StoreWrites.record(c, url.dialect(), e.path("guid").asText(),
                        WireJson.mapper().treeToValue(e.get("payload"), RecordPayload.class));
                case BUNDLE -> StoreWrites.bundle(c, url.dialect(), WireJson.mapper().treeToValue(e.get("bundle"), StoredBundle.class));
                case WEIGHTS -> StoreWrites.weights(c, url.dialect(), WireJson.mapper().treeToValue(e.get("event"), WeightsEvent.class));
                default -> throw new IllegalArgumentException("unknown kind '" + SpoolEntry.kind(e) + "'");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalArgumentException(ex.getOriginalMessage(), ex);
        }
    }

    // ---- reads ----

    /** Schema version of the store (after opening, {@link Migrations#LATEST}). */
    public synchronized int schemaVersion() { return connection.read(Migrations::version); }

    /** Rows per table, in a fixed order, for {@code ./cgp store info}. */
    public synchronized Map<String, Long> counts() { return connection.read(StoreReads::counts); }

    /** Every validator and miner record, oldest first (ground truth before the answers of the same moment). */
    public synchronized List<Row> rows() { return connection.read(StoreReads::rows); }

    /**
     * The bundle to tag next for a validator reading from the store: of the bundles imported (not
     * those a validator reserved from the CGP API), one with the fewest ground truths so far, ties
     * at random, so validators sharing a store spread over it. Empty when none was imported.
     */
    public synchronized Optional<JsonNode> nextImportedBundle() { return connection.read(StoreReads::nextImportedBundle); }

    /** Conversations in the store (what {@link #forEachConversation} visits). */
    public synchronized long conversationCount() { return connection.read(StoreReads::conversationCount); }

    /**
     * Visits every conversation, oldest first, as a dataset row: its lines, its participants, the
     * latest ground truth's tags (and their embeddings when {@code embeddings}), each miner's tags
     * per window.
     */
    public synchronized void forEachConversation(boolean embeddings, Consumer<DatasetRow> visitor) {
        connection.read(c -> {
            StoreReads.forEachConversation(c, embeddings, visitor);
            return null;
        });
    }

    /** The conversations with a ground truth stored after ground_truth row {@code afterId}, as {@link #forEachConversation} visits them. */
    public synchronized void forEachConversationTaggedAfter(long afterId, boolean embeddings, Consumer<DatasetRow> visitor) {
        connection.read(c -> {
            StoreReads.forEachConversationTaggedAfter(c, afterId, embeddings, visitor);
            return null;
        });
    }

    /** The newest ground truth's row id, 0 when there is none: what the store has tagged so far. */
    public synchronized long latestGroundTruthId() { return connection.read(StoreReads::latestGroundTruthId); }

    /** Conversation {@code guid} as a dataset row (tags, profiles, quality; no embeddings), if the store has it. */
    public synchronized Optional<DatasetRow> conversation(String guid) {
        return connection.read(c -> StoreReads.conversation(c, guid));
    }

    @Override public synchronized void close() {
        if (spooled > 0) drainSpool();
        if (spooled > 0) log.warn("{} writes for {} still wait in {}; they are written at the next start", spooled, url.describe(), spool.dir());
        connection.close();
    }

    private static String oneLine(SQLException e) { return StoreConnection.oneLine(e); }
}
