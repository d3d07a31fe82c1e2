package org.cgp.validator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.cgp.llm.QualityAssessment;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.ParticipantProfile;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.task.TaskType;
import org.cgp.validator.record.RecordData;
import org.cgp.validator.record.RecordPayload;

/** Every read of a store, one query each, the same for SQLite and PostgreSQL ({@link ResultStore} runs them under its lock). */
final class StoreReads {
    private StoreReads() {}

    /** Rows per table, in a fixed order, for {@code ./cgp store info}. */
    static Map<String, Long> counts(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : List.of("bundles", "tasks", "ground_truth", "miner_answers", "scores", "weights_set")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                rs.next();
                out.put(t, rs.getLong(1));
            }
        }
        return out;
    }

    /** Every validator and miner record, oldest first (ground truth before the answers of the same moment). */
    static List<ResultStore.Row> rows(Connection c) throws SQLException {
        List<ResultStore.Row> out = new ArrayList<>();
        String sql = "SELECT bundle_guid, kind, hotkey, uid, window_idx, json FROM ("
                + " SELECT bundle_guid, 'validator' AS kind, 0 AS k, id, created_at, validator_hotkey AS hotkey, validator_uid AS uid,"
                + " -1 AS window_idx, json FROM ground_truth"
                + " UNION ALL SELECT bundle_guid, 'miner', 1, id, created_at, miner_hotkey, uid, window_idx, json FROM miner_answers) r"
                + " ORDER BY created_at, k, id";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                int uid = rs.getInt(4);
                Integer u = rs.wasNull() ? null : uid;
                out.add(new ResultStore.Row(rs.getString(1), rs.getString(2), rs.getString(3), u, rs.getInt(5), rs.getString(6)));
            }
        }
        return out;
    }

    /**
     * The bundle to tag next for a validator reading from the store: of the bundles imported (not
     * those a validator reserved from the CGP API), one with the fewest ground truths so far, ties
     * at random, so validators sharing a store spread over it. Empty when none was imported.
     */
    static Optional<JsonNode> nextImportedBundle(Connection c) throws SQLException {
        String sql = "SELECT b.json FROM bundles b LEFT JOIN (SELECT bundle_guid, COUNT(*) AS n FROM ground_truth GROUP BY bundle_guid) g"
                + " ON g.bundle_guid = b.guid WHERE b.source <> '" + ResultStore.RESERVED + "' ORDER BY COALESCE(g.n, 0), RANDOM() LIMIT 1";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) return Optional.empty();
            try {
                return Optional.of(WireJson.mapper().readTree(rs.getString(1)));
            } catch (IOException e) {
                throw new StoreException("a bundle's JSON in the store cannot be read: " + e.getMessage(), e);
            }
        }
    }

    /** Conversations in the store (what {@link #forEachConversation} visits). */
    static long conversationCount(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM bundles WHERE type = ?")) {
            st.setString(1, TaskType.CONVERSATION_TAGGING.wire());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Visits every conversation, oldest first, as a dataset row: its lines, its participants, the
     * latest ground truth's tags (and their embeddings when {@code embeddings}), each miner's tags
     * per window.
     */
    static void forEachConversation(Connection c, boolean embeddings, Consumer<DatasetRow> visitor) throws SQLException {
        visit(c, embeddings, null, -1, visitor);
    }

    /** As {@link #forEachConversation}, only the conversations with a ground truth stored after ground_truth row {@code afterId}. */
    static void forEachConversationTaggedAfter(Connection c, long afterId, boolean embeddings, Consumer<DatasetRow> visitor) throws SQLException {
        visit(c, embeddings, null, afterId, visitor);
    }

    /** The newest ground truth's row id (0 when there is none): a watermark of what the store has tagged. */
    static long latestGroundTruthId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM ground_truth")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Conversation {@code guid} as a dataset row (without embeddings), if the store has it. */
    static Optional<DatasetRow> conversation(Connection c, String guid) throws SQLException {
        List<DatasetRow> one = new ArrayList<>(1);
        visit(c, false, guid, -1, one::add);
        return one.stream().findFirst();
    }

    private static void visit(Connection c, boolean embeddings, String guid, long taggedAfter, Consumer<DatasetRow> visitor)
            throws SQLException {
        try (PreparedStatement bundles = c.prepareStatement("SELECT guid, participants, lines FROM bundles WHERE type = ?"
                     + (guid == null ? "" : " AND guid = ?")
                     + (taggedAfter < 0 ? "" : " AND guid IN (SELECT bundle_guid FROM ground_truth WHERE id > ?)") + " ORDER BY created_at, guid");
             PreparedStatement truth = c.prepareStatement(
                     "SELECT tags, json, profiles, quality FROM ground_truth WHERE bundle_guid = ? ORDER BY created_at DESC, id DESC LIMIT 1");
             PreparedStatement answers = c.prepareStatement(
                     "SELECT window_idx, uid, miner_hotkey, tags FROM miner_answers WHERE bundle_guid = ? ORDER BY window_idx, uid, id")) {
            bundles.setString(1, TaskType.CONVERSATION_TAGGING.wire());
            int next = 2;
            if (guid != null) bundles.setString(next++, guid);
            if (taggedAfter >= 0) bundles.setLong(next, taggedAfter);
            try (ResultSet rs = bundles.executeQuery()) {
                while (rs.next()) visitor.accept(datasetRow(rs.getString(1), rs.getString(2), rs.getString(3), truth, answers, embeddings));
            }
        }
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
            List<ParticipantProfile> profiles = new ArrayList<>();
            QualityAssessment quality = null;
            List<DatasetRow.TagEmbedding> vectors = new ArrayList<>();
            truth.setString(1, guid);
            try (ResultSet rs = truth.executeQuery()) {
                if (rs.next()) {
                    tags.addAll(List.of(WireJson.mapper().readValue(rs.getString(1), String[].class)));
                    if (rs.getString(3) != null) profiles.addAll(List.of(WireJson.mapper().readValue(rs.getString(3), ParticipantProfile[].class)));
                    if (rs.getString(4) != null) quality = WireJson.mapper().readValue(rs.getString(4), QualityAssessment.class);
                    if (embeddings) { // the vectors are most of a ground truth's JSON: read it only when they are wanted
                        RecordPayload record = WireJson.mapper().readValue(rs.getString(2), RecordPayload.class);
                        if (record.data() instanceof RecordData.GroundTruth g) {
                            g.vectors().forEach((tag, v) -> vectors.add(new DatasetRow.TagEmbedding(tag, v == null || v.vectors() == null ? new float[0] : v.vectors())));
                        }
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
            return new DatasetRow(guid, transcript, participants, tags, windows, vectors, profiles, quality);
        } catch (IOException e) {
            throw new StoreException("bundle " + guid + " in the store cannot be read: " + e.getMessage(), e);
        }
    }
}
