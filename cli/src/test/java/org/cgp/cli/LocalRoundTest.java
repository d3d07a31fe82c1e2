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

    @Test
    void theCommandExitsZeroOnSuccess() {
        int code = Cgp.commandLine().execute("local", "--windows", "2", "--miners", "2", "--work-dir", dir.toString());
        assertThat(code).isZero();
    }
}
