package org.cgp.llm.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmException;
import org.cgp.llm.LlmProviders;
import org.cgp.llm.TaggingResult;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.ParticipantProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each remote provider's real LangChain4j client against a MockWebServer answering with that
 * API's documented JSON: what was sent (path, model, auth, JSON mode) and what was parsed.
 */
class ProviderMockServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-test-0123456789abcdef";
    private static final List<Line> LINES = List.of(
            new Line(0, "i am worried about the hurricane in florida"),
            new Line(1, "do you have family there?"),
            new Line(0, "my father. i work for the navy"));
    private static final List<String> NAMES = List.of("Elizabeth King", "William Hall");
    private static final String ANSWER = "{\"tags\": [\"hurricane\", \"Navy\", \"florida\"], \"participants\": "
            + "{\"Elizabeth King\": {\"interests\": [\"navy\"], \"hobbies\": [\"swimming\"], \"personality_traits\": [\"anxious\"]}}}";

    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String openAiCompletion(String content) throws Exception {
        return """
                {"id": "chatcmpl-abc123", "object": "chat.completion", "created": 1700000000, "model": "gpt-4o-mini-2024-07-18",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s, "refusal": null}, "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 120, "completion_tokens": 40, "total_tokens": 160}, "system_fingerprint": "fp_1"}"""
                .formatted(JSON.writeValueAsString(content));
    }

    private LlmConfig openAiConfig() {
        return LlmConfig.fromEnv(Map.of("LLM_TYPE", "openai", "OPENAI_API_KEY", KEY, "OPENAI_MODEL", "gpt-4o-mini",
                "OPENAI_BASE_URL", server.url("/v1").toString(), "LLM_TIMEOUT_SECONDS", "5", "LLM_MAX_RETRIES", "2"));
    }

    @Test
    void openAiChatCompletionInJsonMode() throws Exception {
        server.enqueue(json(200, openAiCompletion("```json\n" + ANSWER + "\n```")));
        LlmClient client = LlmProviders.chat(openAiConfig());
        assertThat(client.provider()).isEqualTo("openai");
        TaggingResult r = client.tagConversation(LINES, NAMES);

        assertThat(r.tags()).containsExactly("hurricane", "navy", "florida");
        assertThat(r.profiles()).containsExactly(new ParticipantProfile("Elizabeth King", List.of("navy"), List.of("swimming"), List.of("anxious")));
        RecordedRequest req = server.takeRequest();
        assertThat(req.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = JSON.readTree(req.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        String user = body.path("messages").get(1).path("content").asText();
        assertThat(user).contains("Elizabeth King: i am worried about the hurricane in florida").contains("\"William Hall\"");
    }

    /** The five-way quality assessment: one call with our prompt; an answer missing a score is no assessment, not a guess. */
    @Test
    void qualityAssessmentIsOneCallReadIntoFiveScores() throws Exception {
        server.enqueue(json(200, openAiCompletion("{\"relevance\": 8, \"engagement\": 7, \"novelty\": 6, \"coherence\": 9, \"fluency\": 10}")));
        server.enqueue(json(200, openAiCompletion("{\"relevance\": 8, \"engagement\": 7, \"coherence\": 9, \"fluency\": 10}")));
        LlmClient client = LlmProviders.chat(openAiConfig());
        org.cgp.llm.QualityAssessment q = client.assessQuality(LINES);
        assertThat(q).isEqualTo(new org.cgp.llm.QualityAssessment(8, 7, 6, 9, 10, "llm"));
        assertThat(q.boringIndex()).as("10 - (0.4 * 7 + 0.4 * 6 + 0.2 * 8)").isEqualTo(3.2);
        String user = JSON.readTree(server.takeRequest().getBody().readUtf8()).path("messages").get(1).path("content").asText();
        assertThat(user).contains("relevance").contains("engagement").contains("novelty").contains("coherence").contains("fluency")
                .contains("i am worried about the hurricane in florida");
        assertThat(client.assessQuality(LINES)).as("novelty missing").isNull();
        assertThat(client.assessQuality(List.of())).as("no text, no call").isNull();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void openAiRetriesA429HonouringRetryAfterThenA503() throws Exception {
        server.enqueue(json(429, "{\"error\": {\"message\": \"Rate limit reached for gpt-4o-mini\", \"type\": \"requests\", \"param\": null, \"code\": \"rate_limit_exceeded\"}}")
                .setHeader("Retry-After", "1"));
        server.enqueue(json(503, "{\"error\": {\"message\": \"The server is overloaded\", \"type\": \"server_error\", \"param\": null, \"code\": null}}")
                .setHeader("retry-after-ms", "10"));
        server.enqueue(json(200, openAiCompletion("{\"tags\": [\"sailing\"]}")));
        long start = System.nanoTime();
        TaggingResult r = LlmProviders.chat(openAiConfig()).tagWindow(LINES);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.tags()).containsExactly("sailing");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(elapsedMs).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(950);
    }

    @Test
    void openAiRejectedKeyIsAClearErrorWithoutTheKey() {
        server.enqueue(json(401, "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY
                + ". You can find your API key at https://platform.openai.com/account/api-keys.\", \"type\": \"invalid_request_error\", \"param\": null, \"code\": \"invalid_api_key\"}}"));
        LlmClient client = LlmProviders.chat(openAiConfig());
        assertThatThrownBy(() -> client.tagWindow(LINES))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("openai rejected the API key (OPENAI_API_KEY)")
                .satisfies(e -> assertThat(((LlmException) e).status()).isEqualTo(401))
                .satisfies(e -> assertThat(e.toString()).doesNotContain(KEY).doesNotContain("0123456789abcdef"));
        assertThat(server.getRequestCount()).as("401 is not retried").isEqualTo(1);
    }

    @Test
    void exhaustedRetriesAreAnErrorNamingTheProvider() {
        for (int i = 0; i < 3; i++) server.enqueue(json(500, "{\"error\": {\"message\": \"internal\", \"type\": \"server_error\"}}").setHeader("Retry-After", "0"));
        LlmClient client = LlmProviders.chat(openAiConfig());
        assertThatThrownBy(() -> client.tagWindow(LINES)).isInstanceOf(LlmException.class).hasMessageContaining("openai")
                .satisfies(e -> assertThat(((LlmException) e).status()).isEqualTo(500));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void emptyModelAnswerIsAnEmptyResultNotACrash() throws Exception {
        server.enqueue(json(200, openAiCompletion("")));
        TaggingResult r = LlmProviders.chat(openAiConfig()).tagConversation(LINES, NAMES);
        assertThat(r.tags()).isEmpty();
        assertThat(r.emptyReason()).contains("empty answer");
    }

    @Test
    void missingKeysAreClearErrors() {
        assertThatThrownBy(() -> LlmProviders.chat(LlmConfig.offline().withType("openai")))
                .isInstanceOf(LlmException.class).hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> LlmProviders.chat(LlmConfig.offline().withType("anthropic")))
                .isInstanceOf(LlmException.class).hasMessageContaining("ANTHROPIC_API_KEY");
        assertThatThrownBy(() -> LlmProviders.chat(LlmConfig.offline().withType("openai-compatible")))
                .isInstanceOf(LlmException.class).hasMessageContaining("LLM_BASE_URL");
        assertThatThrownBy(() -> LlmProviders.embedder(LlmConfig.offline().withEmbeddings("openai")))
                .isInstanceOf(LlmException.class).hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void openAiCompatibleServerWithoutKey() throws Exception {
        server.enqueue(json(200, openAiCompletion("tags: chess, openings")));
        LlmConfig c = LlmConfig.fromEnv(Map.of("LLM_TYPE", "openai-compatible", "LLM_BASE_URL", server.url("/v1").toString(),
                "LLM_MODEL", "Qwen/Qwen2.5-7B-Instruct"));
        TaggingResult r = LlmProviders.chat(c).tagWindow(LINES);
        assertThat(r.tags()).containsExactly("chess", "openings");
        RecordedRequest req = server.takeRequest();
        assertThat(req.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(JSON.readTree(req.getBody().readUtf8()).path("model").asText()).isEqualTo("Qwen/Qwen2.5-7B-Instruct");
    }

    private static String anthropicMessage(String text) throws Exception {
        return """
                {"id": "msg_01XFDUDYJgAACzvnptvVoYEL", "type": "message", "role": "assistant", "model": "claude-3-5-haiku-20241022",
                 "content": [{"type": "text", "text": %s}], "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 120, "output_tokens": 40}}""".formatted(JSON.writeValueAsString(text));
    }

    private LlmConfig anthropicConfig() {
        return LlmConfig.fromEnv(Map.of("LLM_TYPE", "anthropic", "ANTHROPIC_API_KEY", KEY, "ANTHROPIC_MODEL", "claude-3-5-haiku-latest",
                "ANTHROPIC_BASE_URL", server.url("/v1/").toString(), "LLM_TIMEOUT_SECONDS", "5", "LLM_MAX_RETRIES", "1"));
    }

    @Test
    void anthropicMessagesWithProseAroundJson() throws Exception {
        server.enqueue(json(529, "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}")
                .setHeader("Retry-After", "0"));
        server.enqueue(json(200, anthropicMessage("Here is the JSON:\n" + ANSWER + "\nHope this helps.")));
        TaggingResult r = LlmProviders.chat(anthropicConfig()).tagConversation(LINES, NAMES);

        assertThat(r.tags()).containsExactly("hurricane", "navy", "florida");
        assertThat(r.profiles()).extracting(ParticipantProfile::participant).containsExactly("Elizabeth King");
        server.takeRequest();
        RecordedRequest req = server.takeRequest();
        assertThat(req.getPath()).isEqualTo("/v1/messages");
        assertThat(req.getHeader("x-api-key")).isEqualTo(KEY);
        assertThat(req.getHeader("anthropic-version")).isNotBlank();
        JsonNode body = JSON.readTree(req.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("claude-3-5-haiku-latest");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(RemoteProviders.ANTHROPIC_MAX_TOKENS);
        assertThat(body.path("system").toString()).contains("JSON");
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
    }

    @Test
    void anthropicRejectedKey() {
        server.enqueue(json(401, "{\"type\": \"error\", \"error\": {\"type\": \"authentication_error\", \"message\": \"invalid x-api-key\"}}"));
        assertThatThrownBy(() -> LlmProviders.chat(anthropicConfig()).tagWindow(LINES))
                .isInstanceOf(LlmException.class).hasMessageContaining("anthropic rejected the API key (ANTHROPIC_API_KEY)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    @Test
    void ollamaChatInJsonFormat() throws Exception {
        server.enqueue(json(200, """
                {"model": "llama3.1", "created_at": "2024-07-23T14:13:43.416799Z",
                 "message": {"role": "assistant", "content": %s},
                 "done_reason": "stop", "done": true, "total_duration": 5191566416, "load_duration": 2154458,
                 "prompt_eval_count": 26, "prompt_eval_duration": 383809000, "eval_count": 298, "eval_duration": 4799921000}"""
                .formatted(JSON.writeValueAsString("{\"tags\": \"hurricane, navy\"}"))));
        LlmConfig c = LlmConfig.fromEnv(Map.of("LLM_TYPE", "ollama", "OLLAMA_BASE_URL", server.url("/").toString(), "OLLAMA_MODEL", "llama3.1"));
        TaggingResult r = LlmProviders.chat(c).tagWindow(LINES);

        assertThat(r.tags()).containsExactly("hurricane", "navy");
        RecordedRequest req = server.takeRequest();
        assertThat(req.getPath()).isEqualTo("/api/chat");
        JsonNode body = JSON.readTree(req.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("llama3.1");
        assertThat(body.path("format").asText()).isEqualTo("json");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
    }

    @Test
    void openAiEmbeddingsBatchedAndCached() throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            float[] v = new float[1536];
            v[i] = 1f;
            data.append(i == 0 ? "" : ",").append("{\"object\": \"embedding\", \"index\": ").append(i)
                    .append(", \"embedding\": ").append(JSON.writeValueAsString(v)).append("}");
        }
        server.enqueue(json(200, "{\"object\": \"list\", \"data\": [" + data + "], \"model\": \"text-embedding-3-small\", "
                + "\"usage\": {\"prompt_tokens\": 6, \"total_tokens\": 6}}"));
        LlmConfig c = LlmConfig.fromEnv(Map.of("LLM_EMBEDDINGS", "openai", "OPENAI_API_KEY", KEY,
                "OPENAI_BASE_URL", server.url("/v1").toString()));
        assertThat(c.type()).isEqualTo("openai");
        Embedder e = LlmProviders.embedder(c);
        assertThat(e.dimensions()).isEqualTo(1536);
        assertThat(e.model()).isEqualTo("text-embedding-3-small");

        List<float[]> vs = e.embedAll(List.of("hurricane", "navy", "florida", "navy"));
        assertThat(vs).hasSize(4);
        assertThat(vs.get(1)[1]).isEqualTo(1f);
        assertThat(vs.get(3)[1]).isEqualTo(1f);
        assertThat(e.embed("florida")[2]).as("from the cache").isEqualTo(1f);
        assertThat(server.getRequestCount()).isEqualTo(1);

        RecordedRequest req = server.takeRequest();
        assertThat(req.getPath()).isEqualTo("/v1/embeddings");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = JSON.readTree(req.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(body.path("dimensions").asInt()).isEqualTo(1536);
        assertThat(body.path("input")).hasSize(3);
    }

    @Test
    void timeoutIsAnErrorNamingTheProvider() {
        server.enqueue(json(200, "{}").setHeadersDelay(3, java.util.concurrent.TimeUnit.SECONDS));
        LlmConfig c = openAiConfig().withTimeout(Duration.ofSeconds(1)).withMaxRetries(0);
        assertThatThrownBy(() -> LlmProviders.chat(c).tagWindow(LINES)).isInstanceOf(LlmException.class).hasMessageContaining("openai");
    }

    @Test
    void aSkillBundleIsOneJsonCallAndAnIncompleteAnswerIsReplacedByTheWrittenOne() throws Exception {
        List<org.cgp.protocol.task.SkillSection> sections = List.of(new org.cgp.protocol.task.SkillSection("core", "Core", "The slug."),
                new org.cgp.protocol.task.SkillSection("errors", "Errors", "Empty input."));
        String model = """
                {"skill": "# Slugs\\n`slugify(text)` returns the slug; empty text raises `SlugError`.", "tdd_plan": "Test both.",
                 "section_tests": {"core": [{"name": "t1", "description": "Core slug", "assertion": "slugify(\\"A B\\") == \\"a-b\\""},
                                            {"name": "t2", "description": "Core case", "assertion": "slugify(\\"A\\") == \\"a\\""}],
                                   "errors": [{"name": "t3", "description": "Errors empty", "assertion": "slugify(\\"\\") raises SlugError"},
                                              {"name": "t4", "description": "Errors blank", "assertion": "slugify(\\" \\") raises SlugError"}],
                                   "extra": [{"name": "x", "description": "x", "assertion": "x == 1"}]}}""";
        server.enqueue(json(200, openAiCompletion(model)));
        LlmClient client = LlmProviders.chat(openAiConfig());
        org.cgp.llm.skill.SkillBundle b = client.writeSkillBundle("Write a skill for slugs.", sections);
        assertThat(b.skill()).startsWith("# Slugs");
        assertThat(b.sectionTests()).containsOnlyKeys("core", "errors");
        assertThat(b.sectionTests().get("core")).extracting(org.cgp.protocol.synapse.SectionTest::name).containsExactly("t1", "t2");
        String user = JSON.readTree(server.takeRequest().getBody().readUtf8()).path("messages").get(1).path("content").asText();
        assertThat(user).contains("- [core] Core: The slug.").contains("- [errors] Errors: Empty input.").contains("Write a skill for slugs.");

        server.enqueue(json(200, openAiCompletion("{\"skill\": \"# S\", \"section_tests\": {\"core\": []}}")));
        org.cgp.llm.skill.SkillBundle fallback = client.writeSkillBundle("Write a skill for slugs.", sections);
        assertThat(org.cgp.llm.skill.SkillRules.complete(fallback, sections)).as("never a partial bundle").isTrue();
        assertThat(fallback.sectionTests().get("core")).hasSize(2);
    }
}
