package org.cgp.validator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.cgp.llm.QualityAssessment;
import org.cgp.protocol.synapse.ParticipantProfile;
import org.cgp.protocol.task.TaskCodec;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.validator.WeightsEvent;
import org.cgp.validator.record.RecordData;
import org.cgp.validator.record.RecordPayload;

/**
 * Every write to a store, one statement each, the same for SQLite and PostgreSQL. A row that is
 * there already (the same record sent twice, a bundle two validators reserved) is left alone
 * ({@code ON CONFLICT DO NOTHING}), so several validators can write one store and a record replayed
 * after a crash is stored once.
 */
final class StoreWrites {
    private StoreWrites() {}

    /** A validator or miner record of bundle {@code bundleGuid}: each table gets its columns from the record's typed fields. */
    static void record(Connection c, Dialect d, String bundleGuid, RecordPayload p) throws SQLException {
        String recordId = p.recordId() != null ? p.recordId()
                : RecordPayload.recordId(bundleGuid, p.taskId(), p.hotkey(), p.batchNumber());
        RecordData data = p.data();
        if (data instanceof RecordData.GroundTruth g) groundTruth(c, d, bundleGuid, recordId, p, g.tags(), g.profiles(), g.quality());
        else if (data instanceof RecordData.SkillGroundTruth) groundTruth(c, d, bundleGuid, recordId, p, List.of(), null, null);
        else if (data instanceof RecordData.Answer a) answer(c, d, bundleGuid, recordId, p, a);
        else throw new IllegalArgumentException("record " + recordId + " has no data");
    }

    private static void groundTruth(Connection c, Dialect d, String bundleGuid, String recordId, RecordPayload p, List<String> tags,
                                    List<ParticipantProfile> profiles, QualityAssessment quality) throws SQLException {
        update(c, d.sql("INSERT INTO ground_truth (record_id, bundle_guid, validator_hotkey, validator_uid, netuid, batch_num, mode,"
                        + " llm_type, model, cgp_version, tags, profiles, quality, json) VALUES (?,?,?,?,?,?,?,?,?,?,{J},{J},{J},{J})"
                        + " ON CONFLICT (record_id) DO NOTHING"),
                recordId, bundleGuid, p.hotkey(), p.uid(), p.netuid(), p.batchNumber(), p.mode(), p.llmType(), p.model(), p.cgpVersion(),
                json(tags), profiles == null || profiles.isEmpty() ? null : json(profiles), quality == null ? null : json(quality), json(p));
    }

    private static void answer(Connection c, Dialect d, String bundleGuid, String recordId, RecordPayload p, RecordData.Answer a)
            throws SQLException {
        if (p.taskId() != null && a.task() != null) {
            update(c, d.sql("INSERT INTO tasks (task_id, bundle_guid, type, window_idx, json) VALUES (?,?,?,?,{J}) ON CONFLICT (task_id) DO NOTHING"),
                    p.taskId(), bundleGuid, a.task().type().wire(), p.windowIdx(), json(TaskCodec.write(a.task())));
        }
        List<String> tags = a.result() instanceof RecordData.TagResult t ? t.tags() : List.of();
        List<String> original = a.result() instanceof RecordData.TagResult t ? t.originalTags() : List.of();
        update(c, d.sql("INSERT INTO miner_answers (record_id, bundle_guid, task_id, miner_hotkey, uid, window_idx, batch_num, netuid,"
                        + " tags, original_tags, json) VALUES (?,?,?,?,?,?,?,?,{J},{J},{J}) ON CONFLICT (record_id) DO NOTHING"),
                recordId, bundleGuid, p.taskId(), p.hotkey(), p.uid(), p.windowIdx(), p.batchNumber(), p.netuid(),
                json(tags), json(original), json(p));
        RecordData.Score s = a.score();
        if (s != null) {
            update(c, "INSERT INTO scores (record_id, bundle_guid, uid, miner_hotkey, status_code, adjusted_score, final_score, reward,"
                            + " zero_reason) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (record_id) DO NOTHING",
                    recordId, bundleGuid, p.uid(), p.hotkey(), s.statusCode(), s.adjustedScore(), s.finalMinerScore(), s.reward(), s.zeroReason());
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
