package org.cgp.validator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.task.TaskType;
import org.cgp.validator.WeightsEvent;
import org.cgp.validator.bundle.TaskBundle;
import org.cgp.validator.record.RecordPayload;
import org.cgp.validator.record.ResultRecorder;
import org.cgp.validator.record.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

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
    /** How long a write waits for another validator's lock on a SQLite file. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    /** How long connecting to a PostgreSQL server may take. */
    static final int PG_CONNECT_TIMEOUT_S = 10;
    /**
     * How long one statement may wait on the PostgreSQL server's answer: without it a server whose
     * packets are dropped holds a write (and the step) until TCP gives up, about 15 minutes.
     */
    static final int PG_SOCKET_TIMEOUT_S = 30;

    private interface Write {
        void apply(Connection c) throws SQLException;
    }

    /** One stored record, for tests and the local round's summary: validator ("ground truth") or miner. */
    public record Row(String guid, String type, String hotkey, Integer uid, int windowIndex, String json) {}

    private final StoreUrl url;
    private final Spool spool;
    private Connection connection;
    /** Writes waiting in the spool; read without the lock (the metrics page must not wait for a write). */
    private volatile int spooled;
    /** While the store is away, writes go straight to the spool until then (a connect can take {@value #PG_CONNECT_TIMEOUT_S} s). */
    private long retryAtNanos;
    private long backoffMillis = MIN_BACKOFF_MS;
    static final long MIN_BACKOFF_MS = 1000;
    static final long MAX_BACKOFF_MS = 60_000;
    /** The {@code source} of a bundle a validator reserved (from the CGP API); imported ones say {@code import FILE}. */
    static final String RESERVED = "reserved";

    private ResultStore(StoreUrl url, Spool spool) {
        this.url = url;
        this.spool = spool;
        this.connection = connect(url);
        try {
            List<Integer> applied = Migrations.migrate(connection, url.dialect(), url.describe());
            if (!applied.isEmpty()) log.info("Migrated {} to schema version {} (applied {})", url.describe(), Migrations.LATEST, applied);
        } catch (SQLException e) {
            closeQuietly();
            throw new StoreException(url.describe() + ": cannot prepare its schema: " + oneLine(e), e);
        } catch (RuntimeException e) {
            closeQuietly();
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
    synchronized int networkTimeoutMillis() throws SQLException { return connection.getNetworkTimeout(); }

    // ---- writes ----

    @Override public void record(Guid conversation, RecordPayload payload) {
        write(() -> entry("record").put("guid", conversation.value()).set("payload", WireJson.mapper().valueToTree(payload)),
                c -> StoreWrites.record(c, url.dialect(), conversation.value(), payload));
    }

    @Override public void recordBundle(TaskBundle bundle) {
        StoredBundle b = StoredBundle.of(bundle, RESERVED);
        write(() -> entry("bundle").set("bundle", WireJson.mapper().valueToTree(b)), c -> StoreWrites.bundle(c, url.dialect(), b));
    }

    @Override public void recordWeights(WeightsEvent event) {
        write(() -> entry("weights").set("event", WireJson.mapper().valueToTree(event)), c -> StoreWrites.weights(c, url.dialect(), event));
    }

    /**
     * Adds {@code bundles} in one transaction: all or, on any failure, none. Returns how many were
     * new (a guid stored already is skipped).
     */
    public synchronized int importBundles(List<StoredBundle> bundles, Consumer<Integer> progress) {
        int[] added = {0};
        try {
            inTransaction(c -> {
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

    private static ObjectNode entry(String kind) {
        ObjectNode entry = WireJson.mapper().createObjectNode();
        entry.put("kind", kind);
        return entry;
    }

    /** Writes {@code w} now, or keeps {@code entry} (made only then) in the spool while the store is away. */
    private synchronized void write(Supplier<JsonNode> entry, Write w) {
        if (spooled > 0 && System.nanoTime() - retryAtNanos >= 0) drainSpool();
        if (spooled > 0) { // the store is still away: wait behind the others, in order
            spool(entry.get());
            return;
        }
        try {
            inTransaction(w);
        } catch (SQLException e) {
            if (spool != null && !transient_(e)) {
                // this one write is refused for good (its data, not the store): it alone is lost to the store, kept aside on disk
                Path aside;
                try {
                    aside = spool.quarantine(spool.add(WireJson.mapper().writeValueAsBytes(entry.get())));
                } catch (IOException | RuntimeException io) {
                    throw new StoreException(url.describe() + ": cannot write (" + oneLine(e) + ") nor keep the write aside: " + io.getMessage(), e);
                }
                log.error("{} refused a write ({}); kept aside as {}, the step goes on", url.describe(), oneLine(e), aside);
                return;
            }
            if (spool == null) throw new StoreException(url.describe() + ": cannot write: " + oneLine(e), e);
            log.warn("{} is unavailable ({}); writes wait in {}, the next try in {} s", url.describe(), oneLine(e), spool.dir(),
                    backoffMillis / 1000);
            backOff();
            spool(entry.get());
        }
    }

    /** The store refused: no write tries it again for a while (1 s, doubling to a minute), so a step never waits on it. */
    private void backOff() {
        retryAtNanos = System.nanoTime() + backoffMillis * 1_000_000;
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MS);
    }

    private void spool(JsonNode entry) {
        try {
            spool.add(WireJson.mapper().writeValueAsBytes(entry));
        } catch (IOException e) {
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
                inTransaction(c -> replay(c, e));
                spool.remove(p);
            } catch (SQLException ex) {
                if (transient_(ex)) {
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
            backoffMillis = MIN_BACKOFF_MS;
            if (waiting > 0) log.info("{} answers again: wrote the {} writes that waited in {}", url.describe(), waiting, spool.dir());
        }
    }

    private void replay(Connection c, JsonNode e) throws SQLException {
        try {
            switch (e.path("kind").asText()) {
                case "record" -> StoreWrites.record(c, url.dialect(), e.path("guid").asText(),
                        WireJson.mapper().treeToValue(e.get("payload"), RecordPayload.class));
                case "bundle" -> StoreWrites.bundle(c, url.dialect(), WireJson.mapper().treeToValue(e.get("bundle"), StoredBundle.class));
                case "weights" -> StoreWrites.weights(c, url.dialect(), WireJson.mapper().treeToValue(e.get("event"), WeightsEvent.class));
                default -> throw new IllegalArgumentException("unknown kind '" + e.path("kind").asText() + "'");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalArgumentException(ex.getOriginalMessage(), ex);
        }
    }

    /** Runs {@code w} in one transaction; a broken connection is opened again once and {@code w} retried. */
    private void inTransaction(Write w) throws SQLException {
        try {
            once(w);
        } catch (SQLException e) {
            if (!connectionLost(e)) throw e;
            closeQuietly();
            try {
                connection = connect(url);
            } catch (StoreException again) {
                String why = again.getCause() instanceof SQLException se ? oneLine(se) : again.getMessage();
                throw new SQLRecoverableException(why, "08001", again);
            }
            once(w);
        }
    }

    private void once(Write w) throws SQLException {
        Transaction.run(connection, c -> {
            w.apply(c);
            return null;
        });
    }

    /** A connection that broke: PostgreSQL's class 08 and 57P (server shut down), or the driver says so. */
    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLRecoverableException || (state != null && (state.startsWith("08") || state.startsWith("57P")));
    }

    /** Worth waiting for: a lost connection, a lock held too long, a server out of room for a while. */
    private static boolean transient_(SQLException e) {
        String state = e.getSQLState();
        return connectionLost(e) || e instanceof SQLTransientException || (state != null && (state.startsWith("53") || state.startsWith("40")))
                || busy(e);
    }

    // ---- reads ----

    /** Schema version of the store (after opening, {@link Migrations#LATEST}). */
    public synchronized int schemaVersion() {
        return read(Migrations::version);
    }

    /** Rows per table, in a fixed order, for {@code ./cgp store info}. */
    public synchronized Map<String, Long> counts() {
        return read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (String t : List.of("bundles", "tasks", "ground_truth", "miner_answers", "scores", "weights_set")) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                }
            }
            return out;
        });
    }

    /** Every validator and miner record, oldest first (ground truth before the answers of the same moment). */
    public synchronized List<Row> rows() {
        return read(c -> {
            List<Row> out = new ArrayList<>();
            String sql = "SELECT bundle_guid, kind, hotkey, uid, window_idx, json FROM ("
                    + " SELECT bundle_guid, 'validator' AS kind, 0 AS k, id, created_at, validator_hotkey AS hotkey, validator_uid AS uid,"
                    + " -1 AS window_idx, json FROM ground_truth"
                    + " UNION ALL SELECT bundle_guid, 'miner', 1, id, created_at, miner_hotkey, uid, window_idx, json FROM miner_answers) r"
                    + " ORDER BY created_at, k, id";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    int uid = rs.getInt(4);
                    Integer u = rs.wasNull() ? null : uid;
                    out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), u, rs.getInt(5), rs.getString(6)));
                }
            }
            return out;
        });
    }

    /**
     * The bundle to tag next for a validator reading from the store: of the bundles imported (not
     * those a validator reserved from the CGP API), one with the fewest ground truths so far, ties
     * at random, so validators sharing a store spread over it. Empty when none was imported.
     */
    public synchronized Optional<JsonNode> nextImportedBundle() {
        return read(c -> {
            String sql = "SELECT b.json FROM bundles b LEFT JOIN (SELECT bundle_guid, COUNT(*) AS n FROM ground_truth GROUP BY bundle_guid) g"
                    + " ON g.bundle_guid = b.guid WHERE b.source <> '" + RESERVED + "' ORDER BY COALESCE(g.n, 0), RANDOM() LIMIT 1";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                if (!rs.next()) return Optional.empty();
                try {
                    return Optional.of(WireJson.mapper().readTree(rs.getString(1)));
                } catch (IOException e) {
                    throw new StoreException(url.describe() + ": a bundle's JSON cannot be read: " + e.getMessage(), e);
                }
            }
        });
    }

    /** Conversations in the store (what {@link #forEachConversation} visits). */
    public synchronized long conversationCount() {
        return read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM bundles WHERE type = ?")) {
                st.setString(1, TaskType.CONVERSATION_TAGGING.wire());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Visits every conversation, oldest first, as a dataset row: its lines, its participants, the
     * latest ground truth's tags (and their embeddings when {@code embeddings}), each miner's tags
     * per window.
     */
    public synchronized void forEachConversation(boolean embeddings, Consumer<DatasetRow> visitor) {
        read(c -> {
            try (PreparedStatement bundles = c.prepareStatement(
                         "SELECT guid, participants, lines FROM bundles WHERE type = ? ORDER BY created_at, guid");
                 PreparedStatement truth = c.prepareStatement(
                         "SELECT tags, json FROM ground_truth WHERE bundle_guid = ? ORDER BY created_at DESC, id DESC LIMIT 1");
                 PreparedStatement answers = c.prepareStatement(
                         "SELECT window_idx, uid, miner_hotkey, tags FROM miner_answers WHERE bundle_guid = ? ORDER BY window_idx, uid, id")) {
                bundles.setString(1, TaskType.CONVERSATION_TAGGING.wire());
                try (ResultSet rs = bundles.executeQuery()) {
                    while (rs.next()) visitor.accept(datasetRow(rs.getString(1), rs.getString(2), rs.getString(3), truth, answers, embeddings));
                }
            }
            return null;
        });
    }

    private static DatasetRow datasetRow(String guid, String participantsJson, String linesJson, PreparedStatement truth,
                                         PreparedStatement answers, boolean embeddings) throws SQLException {
        try {
            List<String> participants = List.of(WireJson.mapper().readValue(participantsJson, String[].class));
            List<DatasetRow.Utterance> transcript = new ArrayList<>();
            for (Line l : WireJson.mapper().readValue(linesJson, Line[].class)) {
                String speaker = l.speaker() < participants.size() ? participants.get(l.speaker()) : "SPEAKER_" + l.speaker();
                transcript.add(new DatasetRow.Utterance(speaker, l.speaker(), l.text()));
            }
            List<String> tags = new ArrayList<>();
            List<DatasetRow.TagEmbedding> vectors = new ArrayList<>();
            truth.setString(1, guid);
            try (ResultSet rs = truth.executeQuery()) {
                if (rs.next()) {
                    tags.addAll(List.of(WireJson.mapper().readValue(rs.getString(1), String[].class)));
                    if (embeddings) { // the vectors are most of a ground truth's JSON: read it only when they are wanted
                        JsonNode data = WireJson.mapper().readTree(rs.getString(2)).path("data");
                        data.path("vectors").fields().forEachRemaining(e -> {
                            JsonNode v = e.getValue().path("vectors");
                            float[] f = new float[v.size()];
                            for (int i = 0; i < f.length; i++) f[i] = (float) v.get(i).asDouble();
                            vectors.add(new DatasetRow.TagEmbedding(e.getKey(), f));
                        });
                    }
                }
            }
            List<DatasetRow.WindowTags> windows = new ArrayList<>();
            answers.setString(1, guid);
            try (ResultSet rs = answers.executeQuery()) {
                while (rs.next()) {
                    int uid = rs.getInt(2);
                    Integer u = rs.wasNull() ? null : uid;
                    windows.add(new DatasetRow.WindowTags(rs.getInt(1), u, rs.getString(3),
                            List.of(WireJson.mapper().readValue(rs.getString(4), String[].class))));
                }
            }
            return new DatasetRow(guid, transcript, participants, tags, windows, vectors);
        } catch (IOException e) {
            throw new StoreException("bundle " + guid + " in the store cannot be read: " + e.getMessage(), e);
        }
    }

    private <T> T read(Transaction.Work<T> r) {
        try {
            return r.apply(connection);
        } catch (SQLException e) {
            throw new StoreException(url.describe() + ": cannot read: " + oneLine(e), e);
        }
    }

    // ---- connections ----

    private static Connection connect(StoreUrl url) {
        try {
            if (url.dialect() == Dialect.SQLITE) {
                Path parent = url.file().toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                SQLiteConfig config = new SQLiteConfig();
                config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
                config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
                Connection c = DriverManager.getConnection(url.jdbcUrl(), config.toProperties());
                try {
                    walMode(c);
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
                return c;
            }
            Properties p = new Properties();
            if (!url.jdbcUrl().contains("connectTimeout=")) p.setProperty("connectTimeout", String.valueOf(PG_CONNECT_TIMEOUT_S));
            if (!url.jdbcUrl().contains("socketTimeout=")) p.setProperty("socketTimeout", String.valueOf(PG_SOCKET_TIMEOUT_S));
            if (!url.jdbcUrl().contains("tcpKeepAlive=")) p.setProperty("tcpKeepAlive", "true");
            if (!url.jdbcUrl().contains("ApplicationName=")) p.setProperty("ApplicationName", "cgp-java validator");
            return DriverManager.getConnection(url.jdbcUrl(), p);
        } catch (SQLException e) {
            throw new StoreException(url.describe() + " cannot be opened: " + oneLine(e), e);
        } catch (IOException e) {
            throw new StoreException(url.describe() + ": cannot create its directory (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Turns on write-ahead logging (readers never block the writer; it persists in the file). A
     * fresh file that other validators open at the same moment can answer SQLITE_BUSY here without
     * waiting for the busy timeout (changing the journal mode takes the file exclusively), so this
     * tries again until that timeout has passed.
     */
    private static void walMode(Connection c) throws SQLException {
        long deadline = System.nanoTime() + SQLITE_BUSY_TIMEOUT_MS * 1_000_000L;
        while (true) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                return;
            } catch (SQLException e) {
                if (!busy(e) || System.nanoTime() - deadline > 0) throw e;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new SQLRecoverableException("interrupted while waiting for another validator's lock", "08000", ie);
            }
        }
    }

    private static boolean busy(SQLException e) {
        String msg = String.valueOf(e.getMessage());
        return msg.contains("SQLITE_BUSY") || msg.contains("database is locked");
    }

    /** The first line of a database's message, without the URL's password. */
    static String oneLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return StoreUrl.redact((nl < 0 ? m : m.substring(0, nl)).strip());
    }

    private void closeQuietly() {
        try {
            if (connection != null) connection.close();
        } catch (SQLException ignored) {
            // closing a broken connection has nothing left to lose
        }
    }

    @Override public synchronized void close() {
        if (spooled > 0) drainSpool();
        if (spooled > 0) log.warn("{} writes for {} still wait in {}; they are written at the next start", spooled, url.describe(), spool.dir());
        closeQuietly();
    }
}
