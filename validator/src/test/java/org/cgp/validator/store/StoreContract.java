package org.cgp.validator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.scoring.EmitWeights;
import org.cgp.validator.WeightsEvent;
import org.cgp.protocol.task.Tasks;
import org.cgp.validator.record.RecordData;
import org.cgp.validator.record.RecordPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every store does, whichever database it lives in: run against SQLite and PostgreSQL. */
abstract class StoreContract {
    @TempDir Path dir;

    /** A store no test has used. */
    abstract StoreUrl freshStore();

    static StoredBundle conversation(String guid) {
        List<Line> lines = List.of(new Line(0, "hi there, do you like hiking?"), new Line(1, "yes, mostly in the alps"));
        ObjectNode json = WireJson.mapper().createObjectNode().put("guid", guid);
        return new StoredBundle(guid, "conversation_tagging", "test", List.of("Ann", "Bob"), lines, json);
    }

    static RecordPayload groundTruth(String bundle, long batch) {
        java.util.Map<String, RecordData.TagVector> vectors = new java.util.LinkedHashMap<>();
        vectors.put("hiking", new RecordData.TagVector(new float[] {0.5f, -0.25f}));
        vectors.put("alps", new RecordData.TagVector(new float[] {0.125f, 1.0f}));
        RecordData data = new RecordData.GroundTruth(List.of("hiking", "alps"), vectors, List.of("Ann", "Bob"), List.of(), null, null, null, null, null);
        return new RecordPayload("test", "offline", "minilm", null, "offline", RecordPayload.SCORING_VERSION, "2.30.65", 33, "5Validator",
                RecordPayload.VALIDATOR, null, batch, 0, -1, RecordPayload.recordId(bundle, null, "5Validator", batch), data);
    }

    static RecordPayload answer(String bundle, String miner, int uid, int window, long batch) {
        return answer(bundle, miner, uid, window, batch, "hi there", List.of("hiking", "zzz"));
    }

    /** A miner's answer to window {@code window}, whose one line says {@code line}, having sent {@code original}. */
    static RecordPayload answer(String bundle, String miner, int uid, int window, long batch, String line, List<String> original) {
        String task = bundle + "-w" + window;
        RecordData data = new RecordData.Answer(new RecordData.TagResult(List.of("hiking"), original, null, null, java.util.Map.of()),
                Tasks.conversation(task, bundle, window, List.of(new Line(0, line)), List.of("Ann"), List.of()),
                new RecordData.Score(200, 0.5, 0.75, 0.6, null));
        return new RecordPayload("test", "offline", "minilm", null, "offline", RecordPayload.SCORING_VERSION, "2.30.65", 33, miner,
                RecordPayload.MINER, task, batch, uid, window, RecordPayload.recordId(bundle, task, miner, batch), data);
    }

    static WeightsEvent weights() {
        return new WeightsEvent(WeightsEvent.Outcome.SET, 33, "5Validator", 1234, new EmitWeights(new int[] {1, 2}, new int[] {65535, 30000}), null);
    }

    @Test
    void keepsEachKindInItsTableAndSurvivesReopening() {
        StoreUrl url = freshStore();
        try (ResultStore s = ResultStore.open(url, null)) {
            assertThat(s.importBundles(List.of(conversation("c1")), i -> {})).isEqualTo(1);
            s.record(Guid.of("c1"), groundTruth("c1", 7));
            s.record(Guid.of("c1"), answer("c1", "5MinerA", 1, 0, 7));
            s.record(Guid.of("c1"), answer("c1", "5MinerB", 2, 0, 7));
            s.recordWeights(weights());
        }
        try (ResultStore s = ResultStore.open(url, null)) {
            assertThat(s.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(s.counts()).containsEntry("bundles", 1L).containsEntry("tasks", 1L).containsEntry("ground_truth", 1L)
                    .containsEntry("miner_answers", 2L).containsEntry("scores", 2L).containsEntry("weights_set", 1L);
            assertThat(s.rows()).extracting(ResultStore.Row::type).containsExactly("validator", "miner", "miner");
            assertThat(s.rows().get(2).uid()).isEqualTo(2);
            List<DatasetRow> rows = new ArrayList<>();
            s.forEachConversation(true, rows::add);
            DatasetRow r = rows.get(0);
            assertThat(r.transcript()).extracting(DatasetRow.Utterance::speaker).containsExactly("Ann", "Bob");
            assertThat(r.tags()).containsExactly("hiking", "alps");
            assertThat(r.windows()).extracting(DatasetRow.WindowTags::minerHotkey).containsExactly("5MinerA", "5MinerB");
            assertThat(r.embeddings()).extracting(DatasetRow.TagEmbedding::tag).containsExactlyInAnyOrder("hiking", "alps");
            assertThat(r.embeddings().stream().filter(e -> e.tag().equals("hiking")).findFirst().orElseThrow().vector())
                    .containsExactly(0.5f, -0.25f);
        }
    }

    @Test
    void aRecordSentTwiceIsStoredOnce() {
        try (ResultStore s = ResultStore.open(freshStore(), null)) {
            for (int i = 0; i < 2; i++) {
                s.record(Guid.of("c1"), groundTruth("c1", 7));
                s.record(Guid.of("c1"), answer("c1", "5MinerA", 1, 3, 7));
            }
            assertThat(s.counts()).containsEntry("ground_truth", 1L).containsEntry("miner_answers", 1L).containsEntry("scores", 1L);
        }
    }

    @Test
    void anImportThatFailsAddsNothing() {
        try (ResultStore s = ResultStore.open(freshStore(), null)) {
            StoredBundle broken = new StoredBundle(null, "conversation_tagging", "test", List.of(), List.of(), WireJson.mapper().createObjectNode());
            assertThatThrownBy(() -> s.importBundles(List.of(conversation("a"), conversation("b"), broken), i -> {}))
                    .isInstanceOf(StoreException.class).hasMessageContaining("import failed, nothing was added");
            assertThat(s.counts()).containsEntry("bundles", 0L);
            assertThat(s.importBundles(List.of(conversation("a"), conversation("a"), conversation("b")), i -> {})).isEqualTo(2);
        }
    }

    /** An operator's store of schema 2 (before profiles and quality) gains the columns at the next start, its rows intact. */
    @Test
    void aStoreOfSchemaTwoIsMigratedWithItsRows() throws Exception {
        StoreUrl url = freshStore();
        try (ResultStore s = ResultStore.open(url, null)) {
            s.importBundles(List.of(conversation("c1")), i -> {});
            s.record(Guid.of("c1"), groundTruth("c1", 7));
        }
        sql(url, "ALTER TABLE ground_truth DROP COLUMN profiles", "ALTER TABLE ground_truth DROP COLUMN quality",
                "DELETE FROM cgp_schema WHERE version = 3");
        try (ResultStore s = ResultStore.open(url, null)) {
            assertThat(s.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(s.counts()).containsEntry("ground_truth", 1L);
            List<DatasetRow> rows = new java.util.ArrayList<>();
            s.forEachConversation(false, rows::add);
            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.tags()).containsExactly("hiking", "alps");
                assertThat(r.profiles()).isEmpty();
                assertThat(r.quality()).isNull();
            });
            s.record(Guid.of("c1"), groundTruth("c1", 8));
            assertThat(s.counts()).containsEntry("ground_truth", 2L);
        }
    }

    @Test
    void aSchemaFromANewerVersionIsRefusedAndLeftAlone() throws Exception {
        StoreUrl url = freshStore();
        try (ResultStore s = ResultStore.open(url, null)) {
            s.importBundles(List.of(conversation("a")), i -> {});
        }
        sql(url, "INSERT INTO cgp_schema (version, description) VALUES (99, 'from the future')");
        assertThatThrownBy(() -> ResultStore.open(url, null)).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("upgrade cgp-java").hasMessageNotContaining("\n");
        try (Connection c = connect(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), MAX(version) FROM cgp_schema")) {
            rs.next();
            assertThat(rs.getInt(1)).as("every step applied, and the future one").isEqualTo(Migrations.LATEST + 1);
            assertThat(rs.getInt(2)).isEqualTo(99);
        }
        try (Connection c = connect(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM bundles")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void severalValidatorsOpenAndWriteOneStoreAtOnce() throws Exception {
        StoreUrl url = freshStore();
        int validators = 4;
        int bundles = 15;
        ExecutorService pool = Executors.newFixedThreadPool(validators);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int v = 0; v < validators; v++) {
            int me = v;
            done.add(pool.submit(() -> {
                go.await();
                try (ResultStore s = ResultStore.open(url, dir.resolve("spool-" + me))) { // each migrates the fresh store at once
                    for (int b = 0; b < bundles; b++) {
                        String guid = "shared-" + b; // every validator reserved the same bundles
                        s.importBundles(List.of(conversation(guid)), i -> {});
                        s.record(Guid.of(guid), groundTruth(guid, 1000 + me));
                        s.record(Guid.of(guid), answer(guid, "5Miner" + me, me, b % 3, 1000 + me));
                    }
                    s.recordWeights(weights());
                    assertThat(s.pending()).isZero();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
        pool.shutdown();
        try (ResultStore s = ResultStore.open(url, null)) {
            assertThat(s.counts()).containsEntry("bundles", (long) bundles).containsEntry("ground_truth", (long) validators * bundles)
                    .containsEntry("miner_answers", (long) validators * bundles).containsEntry("weights_set", (long) validators);
        }
        try (Connection c = connect(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM cgp_schema")) {
            rs.next();
            assertThat(rs.getInt(1)).as("each migration applied once").isEqualTo(Migrations.LATEST);
        }
    }

    static Connection connect(StoreUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl());
    }

    static void sql(StoreUrl url, String... statements) throws SQLException {
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }
}
