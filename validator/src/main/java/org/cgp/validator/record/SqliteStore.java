package org.cgp.validator.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.WireJson;

/**
 * The local store: every record in one SQLite table {@code cgp_results} (the local CGP server's
 * table, without its schema typo), full payload as JSON beside the columns one queries by.
 */
public final class SqliteStore implements ResultRecorder {
    private final Connection connection;
    private final Path file;

    /** One stored row, for tests and the local round's summary. */
    public record Row(String guid, String type, String hotkey, Integer uid, int windowIndex, String json) {}

    public SqliteStore(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS cgp_results (
                          id INTEGER PRIMARY KEY AUTOINCREMENT,
                          c_guid TEXT NOT NULL,
                          type TEXT NOT NULL,
                          hotkey TEXT,
                          uid INTEGER,
                          convo_window_index INTEGER,
                          batch_num INTEGER,
                          llm_type TEXT,
                          model TEXT,
                          cgp_version TEXT,
                          netuid INTEGER,
                          tags JSON,
                          json JSON NOT NULL,
                          created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
                        )""");
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open local store " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() { return file; }

    @Override public String describe() { return "local store " + file; }

    @Override public synchronized void record(Guid conversation, RecordPayload p) {
        String sql = "INSERT INTO cgp_results (c_guid, type, hotkey, uid, convo_window_index, batch_num, llm_type, model,"
                + " cgp_version, netuid, tags, json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, conversation.value());
            st.setString(2, p.neuronType());
            st.setString(3, p.hotkey());
            if (p.uid() == null) st.setNull(4, java.sql.Types.INTEGER); else st.setInt(4, p.uid());
            st.setInt(5, p.windowIdx());
            st.setLong(6, p.batchNumber());
            st.setString(7, p.llmType());
            st.setString(8, p.model());
            st.setString(9, p.cgpVersion());
            st.setInt(10, p.netuid());
            st.setString(11, p.data() == null ? "[]" : WireJson.mapper().writeValueAsString(p.data().path("tags")));
            st.setString(12, WireJson.mapper().writeValueAsString(p));
            st.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot write to local store " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized List<Row> rows() {
        List<Row> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT c_guid, type, hotkey, uid, convo_window_index, json FROM cgp_results ORDER BY id")) {
            while (rs.next()) {
                int uid = rs.getInt(4);
                out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : uid, rs.getInt(5), rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read local store " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a store twice or after a failure has nothing left to lose
        }
    }
}
