package org.cgp.validator.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.cgp.validator.bundle.ConversationBundle;
import org.cgp.validator.bundle.TaskBundle;
import org.junit.jupiter.api.Test;

/** The CGP API's reserve endpoint stood in for by MockWebServer answering its documented shapes. */
class CgpApiSourceTest {
    MockWebServer api;

    @BeforeEach void start() throws Exception {
        api = new MockWebServer();
        api.start();
    }

    @AfterEach void stop() throws Exception { api.shutdown(); }

    @Test
    void reservesAConversationWithTheBearerKey() throws Exception {
        api.enqueue(new MockResponse().setBody("""
                {"guid": 1421, "participants": ["\\"SPEAKER_00\\"", "\\"SPEAKER_02\\""],
                 "lines": [[0, "hello"], [2, "hi"], [0, "bye"]], "total": 312, "min_convo_windows": 1}"""));
        CgpApiSource src = new CgpApiSource(new OkHttpClient(), api.url("/"), "k3y", "22");
        Optional<TaskBundle> c = src.reserve();
        RecordedRequest req = api.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getPath()).isEqualTo("/api/v1/conversation/reserve?cgp_version=2.37.74&options=22");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer k3y");
        assertThat(req.getBody().readUtf8()).isEqualTo("{}");
        ConversationBundle b = (ConversationBundle) c.orElseThrow();
        assertThat(b.guid()).isEqualTo("1421");
        assertThat(b.participants()).containsExactly("SPEAKER_00", "SPEAKER_02");
        assertThat(b.lines()).hasSize(3);
    }

    @Test
    void readsATaskBundleAndSendsNoKeyWhenThereIsNone() throws Exception {
        api.enqueue(new MockResponse().setBody("""
                {"mode": "x", "api_version": 1.4, "type": "conversation_tagging", "guid": "bundle-1",
                 "input": {"input_type": "conversation", "guid": "data-9",
                           "data": {"participants": ["SPEAKER_0", "SPEAKER_1"], "lines": [[0, "a"], [1, "b"]], "total": 2}}}"""));
        Optional<TaskBundle> c = new CgpApiSource(new OkHttpClient(), api.url("/"), null, "21, 23").reserve();
        RecordedRequest req = api.takeRequest();
        assertThat(req.getHeader("Authorization")).isNull();
        assertThat(req.getPath()).as("options other than 22 are not sent").isEqualTo("/api/v1/conversation/reserve?cgp_version=2.37.74");
        assertThat(c.orElseThrow().guid()).as("records go under the bundle guid").isEqualTo("bundle-1");
        assertThat(((ConversationBundle) c.get()).participants()).containsExactly("SPEAKER_0", "SPEAKER_1");
        assertThat(c.get().header().inputGuid()).isEqualTo("data-9");
    }

    @Test
    void anErrorBodyEchoingTheKeyNeverPutsTheKeyInTheLog() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CgpApiSource.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            String key = "cgp-live-key-7f3a9b2c4d5e6f708192a3b4";
            api.enqueue(new MockResponse().setResponseCode(401).setBody("{\"detail\": \"invalid key " + key + "\", \"auth\": \"Bearer " + key + "\"}"));
            api.enqueue(new MockResponse().setBody("{\"errors\": [\"key " + key + " expired\"], \"guid\": 5, \"lines\": []}"));
            CgpApiSource src = new CgpApiSource(new OkHttpClient(), api.url("/"), key, null);
            assertThat(src.reserve()).isEmpty();
            assertThat(src.reserve()).isEmpty();
            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(key));
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("HTTP 401").contains("[redacted]"));
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void errorsAndEmptyAnswersReserveNothing() {
        api.enqueue(new MockResponse().setResponseCode(401).setBody("{\"errors\": [\"bad key\"]}"));
        api.enqueue(new MockResponse().setBody("{\"guid\": 5, \"lines\": []}"));
        api.enqueue(new MockResponse().setBody("not json"));
        CgpApiSource src = new CgpApiSource(new OkHttpClient(), api.url("/"), "k", null);
        assertThat(src.reserve()).isEmpty();
        assertThat(src.reserve()).isEmpty();
        assertThat(src.reserve()).isEmpty();
    }
}
