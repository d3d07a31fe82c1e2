package org.cgp.validator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.validator.record.RecordPayload;

/**
 * The store's schema, one list of numbered steps for both databases. {@code cgp_schema} holds a row
 * per step applied. A store is brought to {@link #LATEST} in one transaction under a lock (an
 * advisory lock on PostgreSQL, the write lock on SQLite), so validators starting together apply
 * each step once; a store whose schema is newer than this code knows is refused before anything
 * is changed. A file from before {@code cgp_schema} (the first local store, one table
 * {@code cgp_results}) counts as version 1.
 */
final class Migrations {
    /** The schema this code writes and reads. */
    static final int LATEST = 3;

    /** PostgreSQL's advisory lock key for migrations ("CGP" in ASCII, then netuid 33). */
    private static final long PG_LOCK_KEY = 0x43_47_50_21L;

    private interface Step {
        void apply(Connection c, Dialect d) throws SQLException;
    }

    private record Migration(int version, String description, Step step) {}

    private static final String V1 = """
            CREATE TABLE IF NOT EXISTS cgp_results (
              id {ID},
              c_guid TEXT NOT NULL,
              type TEXT NOT NULL,
              hotkey TEXT,
              uid INTEGER,
              convo_window_index INTEGER,
              batch_num BIGINT,
              llm_type TEXT,
              model TEXT,
              cgp_version TEXT,
              netuid INTEGER,
              tags {JSON},
              json {JSON} NOT NULL,
              created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)""";

    private static final List<String> V2 = List.of("""
            CREATE TABLE bundles (
              guid TEXT NOT NULL PRIMARY KEY,
              type TEXT NOT NULL,
              source TEXT NOT NULL,
              participants {JSON} NOT NULL,
              lines {JSON} NOT NULL,
              json {JSON} NOT NULL,
              created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)""", """
            CREATE TABLE tasks (
              task_id TEXT NOT NULL PRIMARY KEY,
              bundle_guid TEXT NOT NULL,
              type TEXT,
              window_idx INTEGER NOT NULL,
              json {JSON} NOT NULL,
              created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)""", """
            CREATE TABLE ground_truth (
              id {ID},
              record_id TEXT NOT NULL UNIQUE,
              bundle_guid TEXT NOT NULL,
              validator_hotkey TEXT,
              validator_uid INTEGER,
              netuid INTEGER NOT NULL,
              batch_num BIGINT NOT NULL,
              mode TEXT,
              llm_type TEXT,
              model TEXT,
              cgp_version TEXT,
              tags {JSON} NOT NULL,
              json {JSON} NOT NULL,
              created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)""", """
            CREATE TABLE miner_answers (
              id {ID},
              record_id TEXT NOT NULL UNIQUE,
              bundle_guid TEXT NOT NULL,
              task_id TEXT,
              miner_hotkey TEXT,
              uid INTEGER,
              window_idx INTEGER NOT NULL,
              batch_num BIGINT NOT NULL,
              netuid INTEGER NOT NULL,
              tags {JSON} NOT NULL,
              original_tags {JSON} NOT NULL,
              json {JSON} NOT NULL,
              created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)""", """
            CREATE TABLE scores (
              record_id TEXT NOT NULL PRIMARY KEY,
              bundle_guid TEXT NOT NULL,
              uid INTEGER,
              miner_hotkey TEXT,
              status_code INTEGER,
              adjusted_score DOUBLE PRECISION,
              final_score DOUBLE PRECISION,
              reward DOUBLE PRECISION,
              zero_reason TEXT,
              created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)""", """
            CREATE TABLE weights_set (
              id {ID},
              netuid INTEGER NOT NULL,
              validator_hotkey TEXT NOT NULL,
              block BIGINT NOT NULL,
              mode TEXT NOT NULL,
              uids {JSON} NOT NULL,
              weights {JSON} NOT NULL,
              created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)""",
            "CREATE INDEX ground_truth_bundle ON ground_truth (bundle_guid)",
            "CREATE INDEX miner_answers_bundle ON miner_answers (bundle_guid)",
            "CREATE INDEX scores_uid ON scores (uid)");

    private static final List<Migration> ALL = List.of(
            new Migration(1, "results log cgp_results (the first local store)", (c, d) -> exec(c, d, List.of(V1))),
            new Migration(2, "bundles, tasks, ground truth, miner answers, scores, weights set (cgp_results moved into them)",
                    (c, d) -> exec(c, d, V2)),
            new Migration(3, "ground truth: participant profiles and the five-way quality assessment", (c, d) -> exec(c, d, List.of(
                    "ALTER TABLE ground_truth ADD COLUMN profiles {JSON}", "ALTER TABLE ground_truth ADD COLUMN quality {JSON}"))));

    private Migrations() {}

    /**
     * Brings the store on {@code c} to {@link #LATEST}; returns the versions applied (none when it
     * is there already). {@code where} names the store in messages. Nothing changes on failure.
     */
    static List<Integer> migrate(Connection c, Dialect d, String where) throws SQLException {
        return Transaction.run(c, tx -> {
            try (Statement s = tx.createStatement()) {
                if (d == Dialect.POSTGRESQL) s.execute("SELECT pg_advisory_xact_lock(" + PG_LOCK_KEY + ")");
                boolean legacy = !tableExists(tx, "cgp_schema") && tableExists(tx, "cgp_results");
                s.execute("CREATE TABLE IF NOT EXISTS cgp_schema (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                        + " applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
                if (legacy) insertVersion(tx, ALL.get(0));
            }
            int current = version(tx);
            if (current > LATEST) { // thrown before any step: the transaction rolls back, nothing changed
                throw new StoreException(where + " has schema version " + current + ", newer than this cgp-java knows (" + LATEST
                        + "): upgrade cgp-java, or give --store another store");
            }
            List<Integer> applied = new ArrayList<>();
            for (Migration m : ALL) {
                if (m.version() <= current) continue;
                m.step().apply(tx, d);
                insertVersion(tx, m);
                applied.add(m.version());
            }
            if (applied.contains(2) && tableExists(tx, "cgp_results")) moveFirstStore(tx, d);
            return applied;
        });
    }

    /** The version a store's {@code cgp_schema} says, 0 for a store with none. */
    static int version(Connection c) throws SQLException {
        if (!tableExists(c, "cgp_schema")) return 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM cgp_schema")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * The rows of the first store, moved into the tables of version 2 once every step is applied, through the same
     * writes the validator uses (which write the latest schema's columns).
     */
    private static void moveFirstStore(Connection c, Dialect d) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c_guid, json FROM cgp_results ORDER BY id")) {
            while (rs.next()) {
                RecordPayload p;
                try {
                    p = WireJson.mapper().readValue(rs.getString(2), RecordPayload.class);
                } catch (JsonProcessingException e) {
                    throw new StoreException("a cgp_results row of bundle " + rs.getString(1) + " is not a record ("
                            + e.getOriginalMessage() + "); the store is left as it was");
                }
                StoreWrites.record(c, d, rs.getString(1), p);
            }
        }
        exec(c, d, List.of("DROP TABLE cgp_results"));
    }

    private static void exec(Connection c, Dialect d, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(d.sql(sql));
        }
    }

    private static void insertVersion(Connection c, Migration m) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO cgp_schema (version, description) VALUES (?, ?)")) {
            st.setInt(1, m.version());
            st.setString(2, m.description());
            st.executeUpdate();
        }
    }

    static boolean tableExists(Connection c, String name) throws SQLException {
        // in the connection's own schema only (PostgreSQL's search path; SQLite has none)
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), name, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (name.equalsIgnoreCase(rs.getString("TABLE_NAME"))) return true;
            }
            return false;
        }
    }
}
