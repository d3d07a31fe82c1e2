package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.validator.StepReport;
import org.cgp.validator.conversation.Conversation;
import org.cgp.validator.conversation.ConversationFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local round end to end: real loopback miners, signed HTTP, offline LLM, SQLite store. */
class LocalRoundTest {
    @TempDir Path dir;

    @Test
    void aRoundScoresEveryMinerAndPrintsTheTable() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<Conversation> convos = ConversationFiles.samples();
        LlmConfig offline = LlmConfig.offline();
        LocalRound.Result r = new LocalRound(new LocalRound.Settings(3, 3, 2, dir), out)
                .run(convos, LlmProviders.chat(offline), LlmProviders.embedder(offline));

        assertThat(r.ok()).as("round problem: %s", r.problem()).isTrue();
        assertThat(r.steps()).hasSize(2).allSatisfy(s -> assertThat(s.succeeded()).isTrue());
        assertThat(r.steps()).allSatisfy(s -> assertThat(s.windows()).hasSize(3));
        assertThat(r.steps().get(0).conversation()).isNotEqualTo(r.steps().get(1).conversation());
        assertThat(r.table()).hasSize(3).extracting(LocalRound.Row::uid).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(r.table()).allSatisfy(row -> {
            assertThat(row.windowsAnswered()).isEqualTo(6);
            assertThat(row.movingAverage()).isBetween(0.0, 1.0).isPositive();
            assertThat(row.weight()).isPositive();
        });
        assertThat(r.ownerWeight()).as("the subnet owner is left out, as live since CGP 2.34.70").isZero();
        assertThat(r.table()).as("the best miner has the largest weight").anySatisfy(row -> assertThat(row.weight()).isEqualTo(65535));
        assertThat(r.committedMiners()).as("every miner reached through its sealed commitment").isEqualTo(3);
        int records = r.steps().stream().mapToInt(StepReport::windowCount).sum();
        assertThat(r.storedRecords()).as("ground truth + 3 miners x 3 windows per step").isEqualTo(2 * (1 + 9));
        assertThat(records).isPositive();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("mov.avg").contains("Stored 20 records");
        for (LocalRound.Row row : r.table()) assertThat(printed).contains(row.hotkey());
    }

    @Test
    void aSecondRoundInTheSameFolderStartsFresh() throws Exception {
        LlmConfig offline = LlmConfig.offline();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (int run = 0; run < 2; run++) {
            LocalRound.Result r = new LocalRound(new LocalRound.Settings(2, 1, 1, dir), quiet)
                    .run(ConversationFiles.samples(), LlmProviders.chat(offline), LlmProviders.embedder(offline));
            assertThat(r.ok()).isTrue();
            assertThat(r.storedRecords()).as("run %d: only this round's records", run).isEqualTo(1 + 2);
            assertThat(r.table()).as("run %d: weights set on this round's chain", run).allSatisfy(row -> assertThat(row.weight()).isPositive());
            assertThat(r.committedMiners()).as("run %d: miners found through this round's commitments", run).isEqualTo(2);
        }
    }

    /**
     * The round is a dataset: its Parquet export carries each participant's profile and the
     * conversation's five quality scores with the boring index (read back through DuckDB).
     */
    @Test
    void theRoundsExportCarriesProfilesAndTheFiveScores() throws Exception {
        LlmConfig offline = LlmConfig.offline();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        LocalRound.Result r = new LocalRound(new LocalRound.Settings(2, 1, 2, dir), quiet)
                .run(ConversationFiles.samples(), LlmProviders.chat(offline), LlmProviders.embedder(offline));
        assertThat(r.ok()).isTrue();
        Path parquet = dir.resolve("dataset.parquet");
        int code = Cgp.commandLine().execute("store", "export", "--store", dir.resolve("cgp-local.sqlite").toString(), "-o", parquet.toString());
        assertThat(code).isZero();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); java.sql.Statement st = c.createStatement()) {
            java.util.Map<String, String> types = new java.util.HashMap<>();
            try (java.sql.ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + parquet + "')")) {
                while (rs.next()) types.put(rs.getString(1), rs.getString(2));
            }
            assertThat(types).containsEntry("participant_profiles",
                    "STRUCT(participant VARCHAR, interests VARCHAR[], hobbies VARCHAR[], personality_traits VARCHAR[])[]");
            assertThat(types).containsEntry("quality", "STRUCT(relevance DOUBLE, engagement DOUBLE, novelty DOUBLE, coherence DOUBLE,"
                    + " fluency DOUBLE, boring_index DOUBLE, \"method\" VARCHAR)");
            int rows = 0;
            try (java.sql.ResultSet rs = st.executeQuery("SELECT to_json(participants), to_json(participant_profiles), quality.relevance,"
                    + " quality.engagement, quality.novelty, quality.coherence, quality.fluency, quality.boring_index, quality.method"
                    + " FROM read_parquet('" + parquet + "')")) {
                while (rs.next()) {
                    rows++;
                    List<String> participants = List.of(org.cgp.protocol.synapse.WireJson.mapper().readValue(rs.getString(1), String[].class));
                    com.fasterxml.jackson.databind.JsonNode profiles = org.cgp.protocol.synapse.WireJson.mapper().readTree(rs.getString(2));
                    assertThat(profiles).as("one profile per participant").hasSize(participants.size());
                    List<String> named = new java.util.ArrayList<>();
                    profiles.forEach(p -> named.add(p.path("participant").asText()));
                    assertThat(named).containsExactlyInAnyOrderElementsOf(participants);
                    assertThat(profiles.findValues("interests")).anySatisfy(i -> assertThat(i.size()).isPositive());
                    double[] five = new double[5];
                    for (int i = 0; i < 5; i++) {
                        five[i] = rs.getDouble(3 + i);
                        assertThat(five[i]).isBetween(0.0, 10.0);
                    }
                    double boring = 10 - (0.4 * five[1] + 0.4 * five[2] + 0.2 * five[0]);
                    assertThat(rs.getDouble(8)).isCloseTo(boring, org.assertj.core.data.Offset.offset(0.051));
                    assertThat(rs.getString(9)).isEqualTo("offline");
                }
            }
            assertThat(rows).as("the round's two conversations").isEqualTo(2);
        }
    }

    @Test
    void theCommandExitsZeroOnSuccess() {
        int code = Cgp.commandLine().execute("local", "--windows", "2", "--miners", "2", "--work-dir", dir.toString());
        assertThat(code).isZero();
    }
}
