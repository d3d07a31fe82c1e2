package org.cgp.validator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.cgp.protocol.synapse.Guid;
import org.cgp.validator.record.RecordPayload;
import org.cgp.validator.conversation.Conversation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL server (see {@link LocalPostgres}), and what only a server does. */
@Tag("peer")
class PostgresStoreTest extends StoreContract {
    @Override StoreUrl freshStore() { return LocalPostgres.freshDatabase(); }

    @Test
    void aServerThatIsNotThereIsOneLineWithoutThePassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StoreUrl url = StoreUrl.parse("jdbc:postgresql://127.0.0.1:" + port + "/cgp?user=cgp&password=hunter2secret");
        assertThatThrownBy(() -> ResultStore.open(url, null)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("PostgreSQL store jdbc:postgresql://127.0.0.1:" + port).hasMessageContaining("cannot be opened")
                .hasMessageContaining("password=***").hasMessageNotContaining("hunter2secret").hasMessageNotContaining("\n");
    }

    @Test
    void aDroppedConnectionIsOpenedAgainAndAnOutageWaitsInTheSpool() throws Exception {
        StoreUrl url = freshStore();
        String db = url.jdbcUrl().replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
        try (ResultStore s = ResultStore.open(url, dir.resolve("spool"))) {
            s.record(Guid.of("c1"), groundTruth("c1", 1));
            // the server drops the connection (a restart, a failover): the store connects again and the write goes through
            LocalPostgres.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
            s.record(Guid.of("c1"), answer("c1", "5MinerA", 1, 0, 1));
            assertThat(s.pending()).isZero();
            // the database refuses connections for a while: writes wait in the spool, in order, and go in once it is back
            LocalPostgres.admin("ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
            LocalPostgres.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
            s.record(Guid.of("c1"), answer("c1", "5MinerB", 2, 0, 1));
            s.recordWeights(weights());
            s.recordBundle(new Conversation(Guid.of("c2"), java.util.List.of("Ann", "Bob"),
                    java.util.List.of(new org.cgp.protocol.synapse.Line(0, "hello"), new org.cgp.protocol.synapse.Line(1, "hi"))).asBundle());
            assertThat(s.pending()).isEqualTo(3);
            LocalPostgres.admin("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
            Thread.sleep(ResultStore.FIRST_BACKOFF.toMillis() + 500); // writes try the store again a second after it went away
            s.record(Guid.of("c1"), answer("c1", "5MinerC", 3, 0, 1));
            assertThat(s.pending()).isZero();
            assertThat(s.counts()).containsEntry("miner_answers", 3L).containsEntry("weights_set", 1L).containsEntry("bundles", 1L);
            java.util.List<DatasetRow> rows = new java.util.ArrayList<>();
            s.forEachConversation(false, rows::add);
            assertThat(rows).singleElement().satisfies(r -> assertThat(r.transcript()).extracting(DatasetRow.Utterance::text)
                    .containsExactly("hello", "hi"));
        }
    }

    /**
     * PostgreSQL's jsonb refuses a NUL: a record a peer's text still poisons after cleaning is that
     * record's loss alone (kept aside on disk, logged), never an exception into the step; the store
     * takes the next one.
     */
    @Test
    void aRecordTheServerRefusesForGoodIsKeptAsideAndTheNextGoesIn() throws Exception {
        try (ResultStore s = ResultStore.open(freshStore(), dir.resolve("spool"))) {
            RecordPayload poisoned = answer("c1", "5MinerA", 1, 0, 1, "a\u0000b", java.util.List.of("hiking"));
            s.record(Guid.of("c1"), poisoned);
            assertThat(s.pending()).as("not waiting for a retry: the server will never take it").isZero();
            try (var files = java.nio.file.Files.list(dir.resolve("spool"))) {
                assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.endsWith(".rejected"));
            }
            s.record(Guid.of("c1"), answer("c1", "5MinerB", 2, 0, 1));
            assertThat(s.counts()).containsEntry("miner_answers", 1L);
        }
    }

    /** A miner's tag with U+0000 is cleaned before it is stored: the record goes in whole. */
    @Test
    void aMinersNulIsCleanedBeforeTheStore() throws Exception {
        try (ResultStore s = ResultStore.open(freshStore(), dir.resolve("spool"))) {
            RecordPayload r = answer("c1", "5MinerA", 1, 0, 1, "hi", org.cgp.validator.record.Records.capped(
                    java.util.List.of("\u0000ab", "sailing", "boats\uD800")));
            s.record(Guid.of("c1"), r);
            assertThat(s.counts()).containsEntry("miner_answers", 1L);
            assertThat(s.pending()).isZero();
        }
    }

    /** A blackholed server costs a write at most the socket timeout (then the write waits in the spool), not TCP's 15 minutes. */
    @Test
    void statementsHaveASocketTimeout() throws Exception {
        try (ResultStore s = ResultStore.open(freshStore(), dir.resolve("spool"))) {
            assertThat(s.networkTimeoutMillis()).isEqualTo(StoreConnection.PG_SOCKET_TIMEOUT_S * 1000);
        }
    }
}
