package org.cgp.validator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

class SqliteStoreTest extends StoreContract {
    @Override StoreUrl freshStore() { return StoreUrl.sqlite(dir.resolve("sub/store-" + System.nanoTime() + ".sqlite")); }

    @Test
    void aStoreOfTheFirstVersionIsMovedIntoTheNewTables() throws Exception {
        StoreUrl url = freshStore();
        Files.createDirectories(url.file().getParent());
        // the one table of the first local store, with a ground truth and an answer in it
        sql(url, """
                CREATE TABLE cgp_results (id INTEGER PRIMARY KEY AUTOINCREMENT, c_guid TEXT NOT NULL, type TEXT NOT NULL, hotkey TEXT,
                  uid INTEGER, convo_window_index INTEGER, batch_num INTEGER, llm_type TEXT, model TEXT, cgp_version TEXT, netuid INTEGER,
                  tags JSON, json JSON NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)""");
        try (Connection c = connect(url);
             PreparedStatement st = c.prepareStatement("INSERT INTO cgp_results (c_guid, type, json) VALUES (?, ?, ?)")) {
            for (var p : java.util.List.of(groundTruth("old", 5), answer("old", "5MinerA", 1, 2, 5))) {
                st.setString(1, "old");
                st.setString(2, p.neuronType());
                st.setString(3, StoreWrites.json(p));
                st.executeUpdate();
            }
        }
        try (ResultStore s = ResultStore.open(url, null)) {
            assertThat(s.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(s.counts()).containsEntry("ground_truth", 1L).containsEntry("miner_answers", 1L).containsEntry("scores", 1L);
            assertThat(s.rows()).extracting(ResultStore.Row::type).containsExactly("validator", "miner");
        }
        try (Connection c = connect(url)) {
            assertThat(Migrations.tableExists(c, "cgp_results")).isFalse();
        }
    }

    @Test
    void aStoreInADirectoryThatCannotBeMadeIsOneLine() throws Exception {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> ResultStore.sqlite(file.resolve("sub/store.sqlite"))).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("SQLite store ").hasMessageContaining("cannot create its directory").hasMessageNotContaining("\n");
    }

    @Test
    void aFileThatIsNoDatabaseIsRefusedAndLeftAsItWas() throws Exception {
        Path file = dir.resolve("notes.sqlite");
        Files.writeString(file, "these are my notes, not a database ".repeat(200));
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> ResultStore.sqlite(file)).isInstanceOf(StoreException.class).hasMessageContaining("notes.sqlite")
                .hasMessageNotContaining("\n");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
