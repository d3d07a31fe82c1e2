package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cgp.cli.CgpCommandLineTest.Run;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.localnet.LocalSubnet;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.validator.StepSettings;
import org.cgp.validator.Validator;
import org.cgp.validator.ValidatorConfig;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./cgp store import|export|info} on real files, a real SQLite store and a store a real validator step filled. */
class StoreCommandTest {
    @TempDir Path dir;

    static Run run(String... args) { return CgpCommandLineTest.run(args); }

    static final String FACEBOOK = """
            {"0": {"id": "0", "guid": 111, "participant": {"0": {"idx": 0, "title": "Ann"}, "1": {"idx": 1, "title": "Bob"}},
                   "lines": [[0, "do you like hiking ?"], [1, "yes , in the alps every summer ."]]},
             "1": {"id": "1", "guid": 222, "lines": [[0, "i bake bread"], [1, "sourdough ?"]]}}""";

    static final String BUNDLE = """
            {"mode": "validator", "api_version": 1.4, "guid": 3300000001, "type": "conversation_tagging",
             "scoring_mechanism": "ground_truth_tag_similarity_scoring",
             "input": {"input_type": "conversation", "guid": "3300000001",
                       "data": {"participants": ["SPEAKER_0", "SPEAKER_1"], "total": 2, "lines": [[0, "we trained a model"], [1, "on what data ?"]]}},
             "prompt_chain": null, "example_output": null}""";

    /** Runs one real validator step on a local subnet into the store {@code db}. */
    static void fillByAValidatorStep(Path db, Path work) throws Exception {
        LlmConfig offline = LlmConfig.offline();
        LlmClient llm = LlmProviders.chat(offline);
        Embedder embedder = LlmProviders.embedder(offline);
        try (LocalSubnet subnet = LocalSubnet.start(2, llm, embedder); ResultStore store = ResultStore.sqlite(db)) {
            StepSettings step = StepSettings.defaults(LocalSubnet.NETUID).withMaxWindows(2).withSampleSize(2).withBundles(2, 1).withMode("test");
            ValidatorConfig config = ValidatorConfig.local(step, work.resolve("validator"));
            try (Validator v = new Validator(config, subnet.validatorKey(), subnet.chain(), llm, embedder,
                    new LocalConversations(ConversationFiles.samples().subList(0, 4), "samples"), store)) {
                assertThat(v.runStep().succeeded()).isTrue();
            }
        }
    }

    @Test
    void importsEachKindOfFileAndSkipsWhatIsThereAlready() throws Exception {
        Path db = dir.resolve("s.sqlite");
        Path fb = Files.writeString(dir.resolve("chats.json"), FACEBOOK);
        Path csv = Files.writeString(dir.resolve("chats.csv"), "id,Persona,chat\n7,\"likes cats\",\"hello\nhi there\"\n");
        Path bundle = Files.writeString(dir.resolve("bundle.json"), BUNDLE);
        Path list = Files.writeString(dir.resolve("bundles.json"), "[" + BUNDLE + "," + BUNDLE.replace("3300000001", "3300000002") + "]");

        assertThat(run("store", "import", "--store", db.toString(), fb.toString()).out()).contains("Imported 2 of 2 bundles");
        assertThat(run("store", "import", "--store", db.toString(), csv.toString()).out()).contains("Imported 1 of 1 bundles");
        assertThat(run("store", "import", "--store", db.toString(), bundle.toString()).out()).contains("Imported 1 of 1 bundles");
        assertThat(run("store", "import", "--store", db.toString(), list.toString()).out())
                .contains("Imported 1 of 2 bundles").contains("(1 were there already)");
        Run info = run("store", "info", "--store", db.toString());
        assertThat(info.out()).contains("schema version 3").containsPattern("bundles\\s+5");
        try (ResultStore s = ResultStore.sqlite(db)) {
            List<String> speakers = new ArrayList<>();
            s.forEachConversation(false, r -> { if (r.guid().equals("111")) r.transcript().forEach(u -> speakers.add(u.speaker())); });
            assertThat(speakers).containsExactly("Ann", "Bob");
        }
    }

    /** The seed's sources: YouTube captions (WebVTT), podcast subtitles (SRT), a diarised transcript, a Discord channel. */
    @Test
    void importsCaptionsTranscriptsAndDiscordExportsAndABrokenOneChangesNothing() throws Exception {
        Path db = dir.resolve("s.sqlite");
        Path vtt = Files.writeString(dir.resolve("talk.vtt"), "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n>> where did you learn to cook?\n\n"
                + "00:00:03.000 --> 00:00:06.000\n>> my aunt ran a small restaurant in Lyon.\n");
        Path srt = Files.writeString(dir.resolve("show.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHOST: Welcome.\n\n"
                + "2\n00:00:02,000 --> 00:00:04,000\nGUEST: Thanks, glad to be here.\n");
        Path diarised = Files.writeString(dir.resolve("episode.json"), "{\"segments\": [{\"speaker\": \"SPEAKER_00\", \"text\": \"Hi all.\"},"
                + " {\"speaker\": \"SPEAKER_01\", \"text\": \"Hello!\"}]}");
        Path discord = Files.writeString(dir.resolve("channel.json"), "{\"guild\": {\"id\": \"1\"}, \"channel\": {\"id\": \"77\"},"
                + " \"messages\": [{\"id\": \"1\", \"type\": \"Default\", \"content\": \"hey\", \"author\": {\"id\": \"5\", \"name\": \"ana\"}},"
                + " {\"id\": \"2\", \"type\": \"Default\", \"content\": \"hi ana\", \"author\": {\"id\": \"6\", \"name\": \"ben\"}}]}");
        for (Path file : List.of(vtt, srt, diarised, discord)) {
            assertThat(run("store", "import", "--store", db.toString(), file.toString()).out()).as(file.toString()).contains("Imported 1 of 1 bundles");
        }
        try (ResultStore s = ResultStore.sqlite(db)) {
            Map<String, List<String>> speakers = new HashMap<>();
            s.forEachConversation(false, r -> speakers.put(r.guid(), r.transcript().stream().map(u -> u.speaker()).toList()));
            assertThat(speakers).hasSize(4).containsEntry("discord-77", List.of("ana", "ben"))
                    .containsValue(List.of("Speaker 1", "Speaker 2")).containsValue(List.of("HOST", "GUEST"))
                    .containsValue(List.of("SPEAKER_00", "SPEAKER_01"));
        }
        Path broken = Files.writeString(dir.resolve("broken.srt"), "1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\nnot a timing\nword\n");
        Run r = run("store", "import", "--store", db.toString(), broken.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("cgp: conversation file ").contains("broken.srt: line 6:").contains("not a timing")
                .satisfies(e -> assertThat(e.lines()).hasSize(1));
        assertThat(run("store", "info", "--store", db.toString()).out()).containsPattern("bundles\\s+4\\b");
    }

    @Test
    void severalProcessesWriteOneSqliteFileAtOnce() throws Exception {
        Path db = dir.resolve("shared.sqlite");
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            StringBuilder chats = new StringBuilder("[");
            for (int i = 0; i < 40; i++) { // 20 conversations of each process are also in the next one's file
                int guid = p * 20 + i;
                chats.append(i == 0 ? "" : ",").append("{\"guid\": ").append(guid).append(", \"lines\": [[0, \"hi ").append(guid)
                        .append("\"], [1, \"hello\"]]}");
            }
            Path file = Files.writeString(dir.resolve("chats-" + p + ".json"), chats.append("]").toString());
            running.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Cgp.class.getName(), "store", "import", "--store", db.toString(), file.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("import-" + p + ".log").toFile()).start());
        }
        for (int p = 0; p < running.size(); p++) {
            assertThat(running.get(p).waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(running.get(p).exitValue()).as(Files.readString(dir.resolve("import-" + p + ".log"))).isZero();
        }
        assertThat(run("store", "info", "--store", db.toString()).out()).as("60 + 20 distinct conversations, each once")
                .containsPattern("bundles\\s+80\\b");
    }

    @Test
    void aCorruptImportIsOneLineAndChangesNothing() throws Exception {
        Path db = dir.resolve("s.sqlite");
        run("store", "import", "--store", db.toString(), Files.writeString(dir.resolve("ok.json"), FACEBOOK).toString());
        for (String bad : List.of(FACEBOOK.substring(0, FACEBOOK.length() / 2), "[" + BUNDLE.replace("\"lines\": [[0,", "\"lines\": [[\"x\",") + "]",
                "this is not a conversation file")) {
            Path file = Files.writeString(dir.resolve("bad.json"), bad);
            Run r = run("store", "import", "--store", db.toString(), file.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).startsWith("cgp: conversation file ").contains("bad.json");
        }
        assertThat(run("store", "info", "--store", db.toString()).out()).containsPattern("bundles\\s+2");
    }

    @Test
    void exportsWhatAValidatorStepStoredAsParquetInTheDatasetLayout() throws Exception {
        Path db = dir.resolve("s.sqlite");
        fillByAValidatorStep(db, dir);
        Path parquet = dir.resolve("out/dataset.parquet");
        Files.createDirectories(parquet.getParent());
        Run r = run("store", "export", "--store", db.toString(), "-o", parquet.toString(), "--embeddings");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Exported 2 conversations");
        byte[] bytes = Files.readAllBytes(parquet);
        assertThat(new String(bytes, 0, 4)).isEqualTo("PAR1");
        assertThat(new String(bytes, bytes.length - 4, 4)).isEqualTo("PAR1");
        try (ResultStore s = ResultStore.sqlite(db)) {
            Map<String, List<String>> truth = new HashMap<>();
            s.forEachConversation(false, row -> truth.put(row.guid(), row.tags()));
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
                Map<String, String> types = new HashMap<>();
                try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + "'" + parquet + "'" + ")")) {
                    while (rs.next()) types.put(rs.getString(1), rs.getString(2));
                }
                assertThat(types).containsEntry("c_guid", "VARCHAR")
                        .containsEntry("transcript", "STRUCT(speaker VARCHAR, speaker_idx INTEGER, \"text\" VARCHAR)[]")
                        .containsEntry("participants", "VARCHAR[]").containsEntry("tags", "VARCHAR[]")
                        .containsEntry("windows", "STRUCT(window_idx INTEGER, uid INTEGER, miner_hotkey VARCHAR, tags VARCHAR[])[]")
                        .containsEntry("tag_embeddings", "STRUCT(tag VARCHAR, vector FLOAT[])[]");
                try (ResultSet rs = st.executeQuery("SELECT c_guid, to_json(tags), len(windows), len(transcript), len(tag_embeddings[1].vector),"
                        + " windows[1].miner_hotkey FROM read_parquet(" + "'" + parquet + "'" + ")")) {
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                        List<String> tags = List.of(WireJson.mapper().readValue(rs.getString(2), String[].class));
                        assertThat(tags).isEqualTo(truth.get(rs.getString(1))).isNotEmpty();
                        assertThat(rs.getInt(3)).as("miner tags per window").isPositive();
                        assertThat(rs.getInt(4)).isGreaterThan(10);
                        assertThat(rs.getInt(5)).as("the embedding model's dimension").isEqualTo(384);
                        assertThat(rs.getString(6)).startsWith("5");
                    }
                    assertThat(rows).isEqualTo(2);
                }
            }
        }
        assertThat(Files.list(parquet.getParent()).map(p -> p.getFileName().toString())).containsExactly("dataset.parquet");
    }

    @Test
    void aJsonLinesExportImportsIntoAnotherStoreAsItWas() throws Exception {
        Path db = dir.resolve("s.sqlite");
        fillByAValidatorStep(db, dir);
        Path jsonl = dir.resolve("dataset.jsonl");
        assertThat(run("store", "export", "--store", db.toString(), "-o", jsonl.toString()).code()).isZero();
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(2);
        JsonNode first = WireJson.mapper().readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable().containsExactly("c_guid", "transcript", "participants", "tags", "windows",
                "participant_profiles", "quality");
        Path other = dir.resolve("other.sqlite");
        assertThat(run("store", "import", "--store", other.toString(), jsonl.toString()).out()).contains("Imported 2 of 2");
        Map<String, Object> a = new HashMap<>();
        Map<String, Object> b = new HashMap<>();
        try (ResultStore s = ResultStore.sqlite(db)) { s.forEachConversation(false, r -> a.put(r.guid(), r.transcript())); }
        try (ResultStore s = ResultStore.sqlite(other)) { s.forEachConversation(false, r -> b.put(r.guid(), r.transcript())); }
        assertThat(b).isEqualTo(a);
    }

    @Test
    void anExportThatCannotBeWrittenIsOneLineAndLeavesNoFile() throws Exception {
        Path db = dir.resolve("s.sqlite");
        run("store", "import", "--store", db.toString(), Files.writeString(dir.resolve("ok.json"), FACEBOOK).toString());
        Path aFile = Files.writeString(dir.resolve("plain"), "x");
        Files.createDirectories(dir.resolve("adir"));
        for (String out : List.of(aFile.resolve("x.parquet").toString(), dir.resolve("missing/x.jsonl").toString(), dir.resolve("adir").toString())) {
            Run r = run("store", "export", "--store", db.toString(), "-o", out);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).startsWith("cgp: cannot write the export to ");
        }
        // a store row that cannot be read half-way through: the export fails and the target is not there, nor any part of it
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("INSERT INTO bundles (guid, type, source, participants, lines, json) VALUES ('zzz', 'conversation_tagging', 't', '[]', 'not json', '{}')");
        }
        Path target = Files.createDirectories(dir.resolve("exports")).resolve("d.parquet");
        Run r = run("store", "export", "--store", db.toString(), "-o", target.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bundle zzz in the store cannot be read");
        assertThat(Files.list(target.getParent())).isEmpty();
    }

    @Test
    void aStoreThatCannotBeUsedIsOneLine() throws Exception {
        Path db = dir.resolve("s.sqlite");
        run("store", "import", "--store", db.toString(), Files.writeString(dir.resolve("ok.json"), FACEBOOK).toString());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("INSERT INTO cgp_schema (version, description) VALUES (7, 'a later cgp-java')");
        }
        Run newer = run("store", "export", "--store", db.toString(), "-o", dir.resolve("x.jsonl").toString());
        assertThat(newer.code()).isEqualTo(2);
        assertThat(newer.err().strip().lines()).hasSize(1);
        assertThat(newer.err()).contains("schema version 7").contains("upgrade cgp-java");
        assertThat(dir.resolve("x.jsonl")).doesNotExist();

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run away = run("store", "info", "--store", "jdbc:postgresql://127.0.0.1:" + port + "/cgp?user=v&password=s3cr3tpw");
        assertThat(away.code()).isEqualTo(2);
        assertThat(away.err().strip().lines()).hasSize(1);
        assertThat(away.err()).contains("cannot be opened").doesNotContain("s3cr3tpw");

        Run none = run("store", "info");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no store: give --store");
    }
}
