package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cgp.cli.CgpCommandLineTest.Run;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.validator.record.RecordData;
import org.cgp.validator.record.RecordPayload;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cgp store search} and {@code similar} over a store the local round filled with the eight
 * sample conversations (a trek in Patagonia, an espresso machine, a checkout outage, a runner's knee,
 * a book club, adopting a dog, a jazz lesson, tomato blight): each is found first by a paraphrase of
 * its subject in other words.
 */
class StoreSearchTest {
    @TempDir static Path dir;
    static Path db;
    static List<String> guids;

    @BeforeAll
    static void fill() throws Exception {
        LlmConfig offline = LlmConfig.offline();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        LocalRound.Result r = new LocalRound(new LocalRound.Settings(2, 1, 8, dir), quiet)
                .run(ConversationFiles.samples(), LlmProviders.chat(offline), LlmProviders.embedder(offline));
        assertThat(r.ok()).isTrue();
        db = dir.resolve("cgp-local.sqlite");
        guids = ConversationFiles.samples().stream().map(c -> c.guid().value()).toList();
        try (ResultStore s = ResultStore.sqlite(db)) {
            assertThat(s.counts().get("ground_truth")).as("every sample tagged").isEqualTo(8L);
        }
    }

    static Run run(String... args) { return CgpCommandLineTest.run(args); }

    private static String first(String query) throws Exception {
        Run r = run("store", "search", query, "--store", db.toString(), "--k", "3", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode hit = WireJson.mapper().readTree(lines.get(0));
        assertThat(hit.path("tags").size()).isPositive();
        assertThat(hit.path("quality").path("method").asText()).isEqualTo("offline");
        assertThat(hit.path("cosine").asDouble()).isBetween(-1.0, 1.0);
        return hit.path("c_guid").asText();
    }

    @Test
    void aParaphraseOfEachSubjectFindsItsConversationFirst() throws Exception {
        assertThat(first("a hiking holiday in the mountains of southern Chile")).isEqualTo(guids.get(0));
        assertThat(first("making coffee at home with new kitchen equipment")).isEqualTo(guids.get(1));
        assertThat(first("an online shop went down after a software release")).isEqualTo(guids.get(2));
        assertThat(first("joint pain from jogging too much")).isEqualTo(guids.get(3));
        assertThat(first("a reading group discussing a science fiction novel")).isEqualTo(guids.get(4));
        assertThat(first("bringing a rescue animal into the family")).isEqualTo(guids.get(5));
        assertThat(first("learning chords on the piano with a teacher")).isEqualTo(guids.get(6));
        assertThat(first("a plant disease in the vegetable garden")).isEqualTo(guids.get(7));
        assertThat(Files.isDirectory(Path.of(db + ".index"))).as("built beside the store on first use").isTrue();
    }

    /** As an operator pipes it into jq: in its own process, stdout holds the JSON lines and nothing else (the log goes to stderr). */
    @Test
    void jsonOnStdoutIsNothingButJson() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Cgp.class.getName(), "store", "search", "making coffee at home", "--store", db.toString(), "--k", "2", "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String> lines = out.strip().lines().toList();
        assertThat(lines).hasSize(2);
        for (String l : lines) assertThat(WireJson.mapper().readTree(l).path("c_guid").asText()).isNotBlank();
        assertThat(WireJson.mapper().readTree(lines.get(0)).path("c_guid").asText()).isEqualTo(guids.get(1));
    }

    @Test
    void similarLeavesTheConversationItselfOutAndPrintsText() {
        Run r = run("store", "similar", guids.get(2), "--store", db.toString(), "--k", "7");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines).hasSize(7).noneMatch(l -> l.contains(guids.get(2)));
        assertThat(lines.get(0)).matches("-?\\d\\.\\d{3}  \\d+  .+\\(relevance .*boring .*\\)");
    }

    /**
     * A store that changed is brought up to date incrementally: a conversation tagged again (here:
     * as if about espresso) replaces its own documents, the others stay; an untagged import changes
     * nothing; an unknown guid is one line.
     */
    @Test
    void aRetaggedConversationIsIndexedAgainAloneAndAnUnknownGuidIsOneLine() throws Exception {
        Path other = dir.resolve("other.sqlite");
        Files.copy(db, other);
        assertThat(run("store", "search", "coffee", "--store", other.toString(), "--k", "1").err()).contains("Indexed 8 conversations");
        assertThat(run("store", "import", "--store", other.toString(),
                Files.writeString(dir.resolve("new.json"), "{\"guid\": 42, \"lines\": [[0, \"hi\"], [1, \"hello\"]]}").toString()).code()).isZero();
        assertThat(run("store", "search", "coffee", "--store", other.toString(), "--k", "1").err()).as("no new ground truth").doesNotContain("Indexed");

        String trek = guids.get(0);
        List<String> tags = List.of("espresso machine", "coffee grinder", "milk frothing");
        List<float[]> vectors = LlmProviders.miniLm().embedAll(tags);
        java.util.Map<String, RecordData.TagVector> byTag = new java.util.LinkedHashMap<>();
        for (int i = 0; i < tags.size(); i++) byTag.put(tags.get(i), new RecordData.TagVector(vectors.get(i)));
        try (ResultStore s = ResultStore.sqlite(other)) {
            s.record(Guid.of(trek), new RecordPayload("test", "offline", "minilm", null, "offline", RecordPayload.SCORING_VERSION, "2.37.74", 1,
                    "5V", RecordPayload.VALIDATOR, null, 99, 0, -1, RecordPayload.recordId(trek, null, "5V", 99),
                    new RecordData.GroundTruth(tags, byTag, List.of(), List.of(), null, null, null, null, null)));
        }
        Run again = run("store", "search", "an espresso machine and a grinder", "--store", other.toString(), "--k", "8", "--json");
        assertThat(again.code()).isZero();
        assertThat(again.err()).contains("Indexed 1 conversations tagged since the index was written");
        List<String> found = again.out().strip().lines().map(l -> {
            try {
                return WireJson.mapper().readTree(l).path("c_guid").asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(found).as("each conversation once: the retagged one's old documents are gone").doesNotHaveDuplicates().hasSize(8);
        assertThat(found.subList(0, 2)).as("the retagged conversation and the espresso one lead").containsExactlyInAnyOrder(trek, guids.get(1));

        Run unknown = run("store", "similar", "no-such-guid", "--store", other.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("cgp: no conversation no-such-guid in SQLite store " + other);
    }
}
