package org.cgp.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.cgp.llm.offline.OfflineTagger;
import org.junit.jupiter.api.Test;

class LlmConfigTest {
    @Test
    void noKeyMeansOfflineAndMiniLm() {
        LlmConfig c = LlmConfig.fromEnv(Map.of());
        assertThat(c.type()).isEqualTo("offline");
        assertThat(c.embeddings()).isEqualTo("minilm");
        assertThat(c.embeddingsModel()).isEqualTo("all-minilm-l6-v2");
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(LlmConfig.fromEnv(null).type()).isEqualTo("offline");
    }

    @Test
    void aKeyWithoutATypePicksThatProvider() {
        assertThat(LlmConfig.fromEnv(Map.of("OPENAI_API_KEY", "sk-test")).type()).isEqualTo("openai");
        assertThat(LlmConfig.fromEnv(Map.of("ANTHROPIC_API_KEY", "ak")).type()).isEqualTo("anthropic");
        assertThat(LlmConfig.fromEnv(Map.of("OPENAI_API_KEY", "sk", "LLM_TYPE", "offline")).type()).isEqualTo("offline");
    }

    @Test
    void providerVariablesAreRead() {
        LlmConfig openai = LlmConfig.fromEnv(Map.of("LLM_TYPE", "OpenAI", "OPENAI_API_KEY", "sk-1", "OPENAI_MODEL", "gpt-4.1",
                "LLM_EMBEDDINGS", "openai", "OPENAI_EMBEDDINGS_MODEL", "text-embedding-3-large", "HTTP_TIMEOUT", "15"));
        assertThat(openai.type()).isEqualTo("openai");
        assertThat(openai.model()).isEqualTo("gpt-4.1");
        assertThat(openai.apiKey()).isEqualTo("sk-1");
        assertThat(openai.embeddings()).isEqualTo("openai");
        assertThat(openai.embeddingsModel()).isEqualTo("text-embedding-3-large");
        assertThat(openai.embeddingsApiKey()).isEqualTo("sk-1");
        assertThat(openai.timeout()).isEqualTo(Duration.ofSeconds(15));

        LlmConfig ollama = LlmConfig.fromEnv(Map.of("LLM_TYPE", "ollama"));
        assertThat(ollama.baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(ollama.model()).isEqualTo(LlmConfig.DEFAULT_OLLAMA_MODEL);

        LlmConfig compat = LlmConfig.fromEnv(Map.of("LLM_TYPE", "openai-compatible", "LLM_BASE_URL", "http://127.0.0.1:8000/v1",
                "LLM_MODEL", "qwen", "LLM_API_KEY", "k", "LLM_MAX_RETRIES", "0"));
        assertThat(compat.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
        assertThat(compat.model()).isEqualTo("qwen");
        assertThat(compat.maxRetries()).isZero();

        LlmConfig anthropic = LlmConfig.fromEnv(Map.of("LLM_TYPE", "anthropic", "ANTHROPIC_API_KEY", "ak", "ANTHROPIC_MODEL", "claude-x"));
        assertThat(anthropic.model()).isEqualTo("claude-x");
        assertThat(anthropic.apiKey()).isEqualTo("ak");
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> LlmConfig.fromEnv(Map.of("LLM_TYPE", "gpt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gpt").hasMessageContaining("openai-compatible");
        assertThatThrownBy(() -> LlmConfig.fromEnv(Map.of("LLM_EMBEDDINGS", "bert")))
                .hasMessageContaining("bert").hasMessageContaining("minilm");
        assertThatThrownBy(() -> LlmConfig.fromEnv(Map.of("HTTP_TIMEOUT", "soon"))).hasMessageContaining("HTTP_TIMEOUT");
        assertThatThrownBy(() -> LlmConfig.fromEnv(Map.of("LLM_MAX_RETRIES", "-1"))).hasMessageContaining("LLM_MAX_RETRIES");
    }

    @Test
    void toStringNeverShowsKeys() {
        LlmConfig c = LlmConfig.fromEnv(Map.of("OPENAI_API_KEY", "sk-secret-123", "LLM_EMBEDDINGS", "openai"));
        assertThat(c.toString()).doesNotContain("sk-secret-123").contains("apiKey=***");
    }

    @Test
    void withersKeepTheOtherFields() {
        LlmConfig c = LlmConfig.offline().withType("openai").withModel("m").withApiKey("k").withEmbeddings("openai");
        assertThat(c.type()).isEqualTo("openai");
        assertThat(c.model()).isEqualTo("m");
        assertThat(c.embeddingsModel()).isEqualTo("text-embedding-3-small");
        assertThat(new LlmConfig("offline", null, null, null, null, null, null).embeddings()).isEqualTo("minilm");
    }

    @Test
    void offlineProvidersNeedNothing() {
        LlmClient client = LlmProviders.chat(LlmConfig.offline());
        assertThat(client).isInstanceOf(OfflineTagger.class);
        assertThat(client.provider()).isEqualTo("offline");
        Embedder e = LlmProviders.embedder(LlmConfig.offline());
        assertThat(e.dimensions()).isEqualTo(384);
        assertThat(e.model()).isEqualTo("all-minilm-l6-v2");
        assertThat(LlmProviders.embedder(LlmConfig.offline())).isSameAs(e);
    }

    @Test
    void theBuilderStartsFromTheDefaultsAndToBuilderKeepsEveryField() {
        LlmConfig built = LlmConfig.offline().toBuilder().type("openai").model("m").apiKey("sk-secret-123").timeout(java.time.Duration.ofSeconds(7))
                .maxRetries(5).build();
        assertThat(built.type()).isEqualTo("openai");
        assertThat(built.embeddings()).isEqualTo("minilm");
        assertThat(built.toBuilder().build()).isEqualTo(built);
        assertThat(built.withMaxRetries(1).apiKey()).isEqualTo("sk-secret-123");
        assertThat(built.toString()).doesNotContain("sk-secret-123");
        assertThat(LlmConfig.offline().toBuilder().timeout(null).build().timeout()).isEqualTo(LlmConfig.DEFAULT_TIMEOUT);
    }
}
