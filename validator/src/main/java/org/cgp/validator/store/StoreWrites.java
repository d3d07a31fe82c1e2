package org.cgp.validator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.validator.WeightsEvent;
import org.cgp.validator.record.RecordPayload;

/**
 * Every write to a store, one statement each, the same for SQLite and PostgreSQL. A row that is
 * there already (the same record sent twice, a bundle two validators reserved) is left alone
 * ({@code ON CONFLICT DO NOTHING}), so several validators can write one store and a record replayed
 * after a crash is stored once.
 */
final class StoreWrites {
    private StoreWrites() {}

    /** A validator or miner record of bundle {@code bundleGuid}. */
    static void record(Connection c, Dialect d, String bundleGuid, RecordPayload p) throws SQLException {
        String recordId = p.recordId() != null ? p.recordId()
                : RecordPayload.recordId(bundleGuid, p.taskId(), p.hotkey(), p.batchNumber());
        JsonNode data = p.data() == null ? WireJson.mapper().createObjectNode() : p.data();
        if (RecordPayload.VALIDATOR.equals(p.neuronType())) {
            update(c, d.sql("INSERT INTO ground_truth (record_id, bundle_guid, validator_hotkey, validator_uid, netuid, batch_num, mode,"
                            + " llm_type, model, cgp_version, tags, json) VALUES (?,?,?,?,?,?,?,?,?,?,{J},{J}) ON CONFLICT (record_id) DO NOTHING"),
                    recordId, bundleGuid, p.hotkey(), p.uid(), p.netuid(), p.batchNumber(), p.mode(), p.llmType(), p.model(), p.cgpVersion(),
                    json(data.path("tags").isArray() ? data.get("tags") : WireJson.mapper().createArrayNode()), json(p));
            return;
        }
        JsonNode result = data.path("result");
        JsonNode task = data.get("task");
        if (p.taskId() != null && task != null && task.isObject()) {
            update(c, d.sql("INSERT INTO tasks (task_id, bundle_guid, type, window_idx, json) VALUES (?,?,?,?,{J}) ON CONFLICT (task_id) DO NOTHING"),
                    p.taskId(), bundleGuid, task.path("type").asText(null), p.windowIdx(), json(task));
        }
        update(c, d.sql("INSERT INTO miner_answers (record_id, bundle_guid, task_id, miner_hotkey, uid, window_idx, batch_num, netuid,"
                        + " tags, original_tags, json) VALUES (?,?,?,?,?,?,?,?,{J},{J},{J}) ON CONFLICT (record_id) DO NOTHING"),
                recordId, bundleGuid, p.taskId(), p.hotkey(), p.uid(), p.windowIdx(), p.batchNumber(), p.netuid(),
                json(arrayOrEmpty(result.get("tags"))), json(arrayOrEmpty(result.get("original_tags"))), json(p));
        JsonNode score = data.path("score");
        if (score.isObject()) {
            update(c, "INSERT INTO scores (record_id, bundle_guid, uid, miner_hotkey, status_code, adjusted_score, final_score, reward,"
                            + " zero_reason) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (record_id) DO NOTHING",
                    recordId, bundleGuid, p.uid(), p.hotkey(), score.has("status_code") ? score.get("status_code").asInt() : null,
                    number(score.get("adjusted_score")), number(score.get("final_miner_score")), number(score.get("reward")),
                    score.path("zero_reason").asText(null));
        }
    }

    /** Returns whether the bundle was new. */
    static boolean bundle(Connection c, Dialect d, StoredBundle b) throws SQLException {
        return update(c, d.sql("INSERT INTO bundles (guid, type, source, participants, lines, json) VALUES (?,?,?,{J},{J},{J})"
                        + " ON CONFLICT (guid) DO NOTHING"),
                b.guid(), b.type(), b.source(), json(b.participants()), json(b.lines()), json(b.json())) > 0;
    }

    static void weights(Connection c, Dialect d, WeightsEvent e) throws SQLException {
        update(c, d.sql("INSERT INTO weights_set (netuid, validator_hotkey, block, mode, uids, weights) VALUES (?,?,?,?,{J},{J})"),
                e.netuid(), e.validatorHotkey(), e.block(), e.outcome().label(), json(e.weights().uids()), json(e.weights().weights()));
    }

    private static JsonNode arrayOrEmpty(JsonNode n) {
        return n != null && n.isArray() ? n : WireJson.mapper().createArrayNode();
    }

    private static Double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    static String json(Object value) {
        try {
            return WireJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a store row as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a == null) st.setNull(i + 1, Types.NULL);
                else if (a instanceof Integer n) st.setInt(i + 1, n);
                else if (a instanceof Long n) st.setLong(i + 1, n);
                else if (a instanceof Double n) st.setDouble(i + 1, n);
                else st.setString(i + 1, a.toString());
            }
            return st.executeUpdate();
        }
    }
}
