package org.cgp.validator.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.WireJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CGP API's record endpoint stood in for by MockWebServer; the real recorder and spool run. */
class CgpApiRecorderTest {
    @TempDir Path dir;
    MockWebServer api;
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach void start() throws Exception {
        api = new MockWebServer();
        api.start();
    }

    @AfterEach void stop() throws Exception { api.shutdown(); }

    static RecordPayload payload(String type, int window) {
        return new RecordPayload("test", "offline", "minilm", null, "offline", RecordPayload.SCORING_VERSION, "2.30.65", 33, "5Hotkey",
                type, type.equals("miner") ? "task-" + window : null, 4821937, 2, window, RecordPayload.recordId("b", "task-" + window, "5Hotkey", 4821937),
                new RecordData.GroundTruth(java.util.List.of("k"), java.util.Map.of(), java.util.List.of(), java.util.List.of(), null, null, null, null, null));
    }

    @Test
    void putsThePayloadToTheConversationsRecordUrl() throws Exception {
        api.enqueue(new MockResponse().setResponseCode(200).setBody("{\"success\": 1}"));
        try (CgpApiRecorder r = new CgpApiRecorder(http, api.url("/"), new Spool(dir))) {
            r.record(Guid.of("102915250832439830165876384341137849342"), payload("miner", 4));
            RecordedRequest req = api.takeRequest(5, TimeUnit.SECONDS);
            assertThat(req.getMethod()).isEqualTo("PUT");
            assertThat(req.getPath()).isEqualTo("/api/v1/conversation/record/102915250832439830165876384341137849342");
            JsonNode body = WireJson.mapper().readTree(req.getBody().readUtf8());
            assertThat(body.path("window_idx").asInt()).isEqualTo(4);
            assertThat(body.path("record_id").asText()).isNotBlank();
            assertThat(body.path("hotkey").asText()).isEqualTo("5Hotkey");
            assertThat(body.path("neuron_type").asText()).isEqualTo("miner");
            waitUntilEmpty(r);
        }
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void aFailedPutStaysSpooledAndIsRetriedUntilDelivered() throws Exception {
        api.enqueue(new MockResponse().setResponseCode(503));
        api.enqueue(new MockResponse().setResponseCode(500));
        api.enqueue(new MockResponse().setResponseCode(201));
        try (CgpApiRecorder r = new CgpApiRecorder(http, api.url("/"), new Spool(dir))) {
            r.record(Guid.of("g1"), payload("validator", 999));
            assertThat(api.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(r.pending()).isEqualTo(1);
            assertThat(api.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(api.takeRequest(15, TimeUnit.SECONDS)).isNotNull();
            waitUntilEmpty(r);
            assertThat(r.pending()).isZero();
        }
    }

    @Test
    void aRedirectIsNeverFollowedAndTheRecordIsNotLost() throws Exception {
        api.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", api.url("/elsewhere").toString()));
        api.enqueue(new MockResponse().setResponseCode(204));
        try (CgpApiRecorder r = new CgpApiRecorder(http, api.url("/"), new Spool(dir))) {
            r.record(Guid.of("42"), payload("miner", 1));
            RecordedRequest first = api.takeRequest(5, TimeUnit.SECONDS);
            assertThat(first.getMethod()).isEqualTo("PUT");
            RecordedRequest second = api.takeRequest(10, TimeUnit.SECONDS);
            assertThat(second).as("the PUT is sent again, not turned into a GET of the redirect").isNotNull();
            assertThat(second.getMethod()).isEqualTo("PUT");
            assertThat(second.getPath()).isEqualTo(first.getPath());
            waitUntilEmpty(r);
            assertThat(r.pending()).as("204 counts as delivered").isZero();
        }
        assertThat(api.getRequestCount()).isEqualTo(2);
        assertThat(new Spool(dir).pending()).isEmpty();
    }

    @Test
    void recordsLeftByACrashAreSentAtTheNextStart() throws Exception {
        Spool spool = new Spool(dir);
        // a previous run accepted a record, then died before delivering it
        api.shutdown();
        try (CgpApiRecorder dead = new CgpApiRecorder(http, api.url("/"), spool)) {
            dead.record(Guid.of("g2"), payload("miner", 1));
        }
        assertThat(spool.pending()).hasSize(1);
        MockWebServer again = new MockWebServer();
        again.enqueue(new MockResponse().setResponseCode(200));
        again.start();
        try (CgpApiRecorder r = new CgpApiRecorder(http, again.url("/"), new Spool(dir))) {
            RecordedRequest req = again.takeRequest(10, TimeUnit.SECONDS);
            assertThat(req).isNotNull();
            assertThat(req.getPath()).isEqualTo("/api/v1/conversation/record/g2");
            waitUntilEmpty(r);
        } finally {
            again.shutdown();
        }
    }

    @Test
    void aRecordTheApiRefusesIsMovedAsideAndDoesNotBlockTheOthers() throws Exception {
        api.enqueue(new MockResponse().setResponseCode(422).setBody("{\"detail\": \"bad\"}"));
        for (int i = 0; i < 5; i++) api.enqueue(new MockResponse().setResponseCode(200));
        try (CgpApiRecorder r = new CgpApiRecorder(http, api.url("/"), new Spool(dir))) {
            r.record(Guid.of("refused"), payload("miner", 0));
            for (int i = 0; i < 5; i++) r.record(Guid.of("ok" + i), payload("miner", i));
            waitUntilEmpty(r);
        }
        assertThat(api.getRequestCount()).isEqualTo(6);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString().endsWith(".json.rejected");
        }
    }

    @Test
    void anOutageSchedulesOneRetryNotOnePerRecordAndEverythingArrivesAfterwards() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();
        api.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override public MockResponse dispatch(RecordedRequest request) {
                if (down.get()) {
                    refused.incrementAndGet();
                    return new MockResponse().setResponseCode(503);
                }
                delivered.incrementAndGet();
                return new MockResponse().setResponseCode(200);
            }
        });
        try (CgpApiRecorder r = new CgpApiRecorder(http, api.url("/"), new Spool(dir))) {
            r.record(Guid.of("first"), payload("validator", 999));
            for (int i = 0; i < 30; i++) r.record(Guid.of("g" + i), payload("miner", i));
            Thread.sleep(1500);
            assertThat(refused.get()).as("during the outage: the first try and at most a couple of retries, not one per record")
                    .isBetween(1, 3);
            assertThat(r.pending()).isEqualTo(31);
            down.set(false);
            waitUntilEmpty(r);
        }
        assertThat(delivered).as("each record once").hasValue(31);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aSpooledEntryWithoutPayloadIsMovedAsideNotRetriedForever() throws Exception {
        Spool spool = new Spool(dir);
        spool.add("{\"guid\": \"x\"}".getBytes());
        api.enqueue(new MockResponse().setResponseCode(200));
        try (CgpApiRecorder r = new CgpApiRecorder(http, api.url("/"), spool)) {
            r.record(Guid.of("good"), payload("miner", 1));
            waitUntilEmpty(r);
        }
        assertThat(api.getRequestCount()).isEqualTo(1);
        assertThat(api.takeRequest().getPath()).endsWith("/good");
    }

    /**
     * One entry shape for both spools ({@link SpoolEntry}): a record a previous version spooled
     * without a kind is still delivered, and a store's bundle entry put here by mistake is moved
     * aside rather than sent as a record.
     */
    @Test
    void entriesWithoutAKindAreDeliveredAndOtherKindsAreMovedAside() throws Exception {
        Spool spool = new Spool(dir);
        com.fasterxml.jackson.databind.node.ObjectNode old = SpoolEntry.record(Guid.of("old"), payload("miner", 1));
        old.remove("kind");
        spool.add(old);
        spool.add(SpoolEntry.of("bundle", "bundle", java.util.Map.of("guid", "b1")));
        api.enqueue(new MockResponse().setResponseCode(200));
        try (CgpApiRecorder r = new CgpApiRecorder(http, api.url("/"), spool)) {
            waitUntilEmpty(r);
        }
        assertThat(api.getRequestCount()).isEqualTo(1);
        assertThat(api.takeRequest().getPath()).endsWith("/old");
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().endsWith(".rejected");
        }
    }

    static void waitUntilEmpty(ResultRecorder r) throws InterruptedException {
        for (int i = 0; i < 300 && r.pending() > 0; i++) Thread.sleep(50);
        assertThat(r.pending()).isZero();
    }

    @Test
    void aBoundedSpoolDropsItsOldestEntriesWithACount() throws Exception {
        Spool spool = new Spool(dir.resolve("bounded"), 2500, java.time.Duration.ofDays(7));
        for (int i = 0; i < 10; i++) spool.add(("{\"n\": " + i + ", \"pad\": \"" + "x".repeat(990) + "\"}").getBytes());
        assertThat(spool.pending()).hasSize(2);
        assertThat(spool.dropped()).isEqualTo(8);
        assertThat(new String(java.nio.file.Files.readAllBytes(spool.pending().get(1)))).startsWith("{\"n\": 9");
        // an entry older than the age limit goes at the next write, whatever the size
        java.nio.file.Path old = spool.dir().resolve(String.format("%019d-%06d.json", System.currentTimeMillis() - java.time.Duration.ofDays(8).toMillis(), 1));
        java.nio.file.Files.writeString(old, "{}");
        spool.add("{}".getBytes());
        assertThat(spool.pending()).doesNotContain(old);
    }
}
