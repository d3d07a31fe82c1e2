package org.cgp.llm;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which LLM and embedder to use and how to reach them. Built from the environment (.env /
 * example.env variables) with flags layered on top; never logs the key.
 *
 * @param type              offline | openai | anthropic | ollama | openai-compatible
 * @param model             chat model name (provider default when the env names none)
 * @param baseUrl           API base URL (null: the provider's public endpoint)
 * @param apiKey            the chat provider's key (null for offline, ollama and keyless local servers)
 * @param embeddings        minilm | openai
 * @param embeddingsApiKey  key for OpenAI embeddings
 * @param timeout           connect/read timeout of one HTTP call
 * @param embeddingsModel   embeddings model name (minilm: all-minilm-l6-v2; openai: text-embedding-3-small)
 * @param embeddingsBaseUrl embeddings API base URL (null: OpenAI's public endpoint)
 * @param maxRetries        retries of a call answered 429 or 5xx (or not answered)
 */
public record LlmConfig(String type, String model, String baseUrl, String apiKey, String embeddings,
                        String embeddingsApiKey, Duration timeout, String embeddingsModel,
                        String embeddingsBaseUrl, int maxRetries) {

    public static final String OFFLINE = "offline";
    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";
    public static final String OLLAMA = "ollama";
    public static final String OPENAI_COMPATIBLE = "openai-compatible";
    public static final List<String> TYPES = List.of(OFFLINE, OPENAI, ANTHROPIC, OLLAMA, OPENAI_COMPATIBLE);
    public static final String MINILM = "minilm";
    public static final List<String> EMBEDDINGS = List.of(MINILM, OPENAI);

    public static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
    public static final String DEFAULT_ANTHROPIC_MODEL = "claude-3-5-haiku-latest";
    public static final String DEFAULT_OLLAMA_MODEL = "llama3.1";
    public static final String DEFAULT_OLLAMA_BASE_URL = "http://localhost:11434";
    public static final String DEFAULT_OPENAI_EMBEDDINGS_MODEL = "text-embedding-3-small";
    public static final String MINILM_MODEL = "all-minilm-l6-v2";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RETRIES = 3;

    public LlmConfig {
        type = type == null || type.isBlank() ? OFFLINE : type.strip().toLowerCase(Locale.ROOT);
        embeddings = embeddings == null || embeddings.isBlank() ? MINILM : embeddings.strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown LLM type '" + type + "' (LLM_TYPE / --llm.type); use one of " + TYPES);
        }
        if (!EMBEDDINGS.contains(embeddings)) {
            throw new IllegalArgumentException("unknown embeddings '" + embeddings + "' (LLM_EMBEDDINGS / --llm.embeddings); use one of " + EMBEDDINGS);
        }
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
        if (embeddingsModel == null || embeddingsModel.isBlank()) {
            embeddingsModel = MINILM.equals(embeddings) ? MINILM_MODEL : DEFAULT_OPENAI_EMBEDDINGS_MODEL;
        }
        if (maxRetries < 0) throw new IllegalArgumentException("max retries must be >= 0, got " + maxRetries);
    }

    /** The short constructor: default embeddings model and endpoint, default retries. */
    public LlmConfig(String type, String model, String baseUrl, String apiKey, String embeddings,
                     String embeddingsApiKey, Duration timeout) {
        this(type, model, baseUrl, apiKey, embeddings, embeddingsApiKey, timeout, null, null, DEFAULT_MAX_RETRIES);
    }

    /**
     * Reads LLM_TYPE, OPENAI_API_KEY, ... (see llm/README.md for the list). Without LLM_TYPE the
     * provider follows the key that is set (OPENAI_API_KEY, then ANTHROPIC_API_KEY); with no key
     * at all it is offline + minilm, so every command works without a network.
     */
    public static LlmConfig fromEnv(Map<String, String> env) {
        String type = first(env, "LLM_TYPE", "LLM_TYPE_OVERRIDE");
        if (type == null) {
            if (get(env, "OPENAI_API_KEY") != null) type = OPENAI;
            else if (get(env, "ANTHROPIC_API_KEY") != null) type = ANTHROPIC;
            else type = OFFLINE;
        }
        type = type.strip().toLowerCase(Locale.ROOT);
        String model;
        String baseUrl;
        String apiKey;
        switch (type) {
            case OPENAI -> {
                model = orDefault(first(env, "LLM_MODEL", "OPENAI_MODEL"), DEFAULT_OPENAI_MODEL);
                baseUrl = first(env, "LLM_BASE_URL", "OPENAI_BASE_URL");
                apiKey = first(env, "LLM_API_KEY", "OPENAI_API_KEY");
            }
            case ANTHROPIC -> {
                model = orDefault(first(env, "LLM_MODEL", "ANTHROPIC_MODEL"), DEFAULT_ANTHROPIC_MODEL);
                baseUrl = first(env, "LLM_BASE_URL", "ANTHROPIC_BASE_URL");
                apiKey = first(env, "LLM_API_KEY", "ANTHROPIC_API_KEY");
            }
            case OLLAMA -> {
                model = orDefault(first(env, "LLM_MODEL", "OLLAMA_MODEL"), DEFAULT_OLLAMA_MODEL);
                baseUrl = orDefault(first(env, "LLM_BASE_URL", "OLLAMA_BASE_URL"), DEFAULT_OLLAMA_BASE_URL);
                apiKey = first(env, "LLM_API_KEY", "OLLAMA_API_KEY");
            }
            case OPENAI_COMPATIBLE -> {
                model = get(env, "LLM_MODEL");
                baseUrl = get(env, "LLM_BASE_URL");
                apiKey = get(env, "LLM_API_KEY");
            }
            default -> { // offline, or an unknown type the constructor rejects with the list of types
                model = "keybert-" + MINILM_MODEL;
                baseUrl = null;
                apiKey = null;
            }
        }
        String embeddings = orDefault(get(env, "LLM_EMBEDDINGS"), MINILM).strip().toLowerCase(Locale.ROOT);
        String embeddingsModel = OPENAI.equals(embeddings)
                ? orDefault(first(env, "OPENAI_EMBEDDINGS_MODEL", "OPENAI_EMBEDDINGS_MODEL_OVERRIDE"), DEFAULT_OPENAI_EMBEDDINGS_MODEL)
                : MINILM_MODEL;
        String embeddingsKey = first(env, "EMBEDDINGS_API_KEY", "OPENAI_API_KEY");
        String embeddingsBaseUrl = first(env, "EMBEDDINGS_BASE_URL", "OPENAI_BASE_URL");
        Duration timeout = Duration.ofSeconds(positiveInt(env, "LLM_TIMEOUT_SECONDS", positiveInt(env, "HTTP_TIMEOUT", (int) DEFAULT_TIMEOUT.toSeconds())));
        int retries = nonNegativeInt(env, "LLM_MAX_RETRIES", DEFAULT_MAX_RETRIES);
        return new LlmConfig(type, model, baseUrl, apiKey, embeddings, embeddingsKey, timeout, embeddingsModel,
                embeddingsBaseUrl, retries);
    }

    public static LlmConfig offline() {
        return new LlmConfig(OFFLINE, "keybert-" + MINILM_MODEL, null, null, MINILM, null, DEFAULT_TIMEOUT);
    }

    public LlmConfig withType(String newType) { return toBuilder().type(newType).build(); }

    /** Other embeddings; the embeddings model goes back to that kind's default unless the kind is unchanged. */
    public LlmConfig withEmbeddings(String newEmbeddings) {
        String keptModel = newEmbeddings != null && newEmbeddings.strip().equalsIgnoreCase(embeddings) ? embeddingsModel : null;
        return toBuilder().embeddings(newEmbeddings).embeddingsModel(keptModel).build();
    }

    public LlmConfig withModel(String newModel) { return toBuilder().model(newModel).build(); }

    public LlmConfig withApiKey(String newApiKey) { return toBuilder().apiKey(newApiKey).build(); }

    public LlmConfig withTimeout(Duration newTimeout) { return toBuilder().timeout(newTimeout).build(); }

    public LlmConfig withMaxRetries(int newMaxRetries) { return toBuilder().maxRetries(newMaxRetries).build(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.type = type; b.model = model; b.baseUrl = baseUrl; b.apiKey = apiKey; b.embeddings = embeddings;
        b.embeddingsApiKey = embeddingsApiKey; b.timeout = timeout; b.embeddingsModel = embeddingsModel;
        b.embeddingsBaseUrl = embeddingsBaseUrl; b.maxRetries = maxRetries;
        return b;
    }

    /** A config changed one field at a time; nulls take the defaults the constructor fills in. */
    public static final class Builder {
        private String type;
        private String model;
        private String baseUrl;
        private String apiKey;
        private String embeddings;
        private String embeddingsApiKey;
        private Duration timeout;
        private String embeddingsModel;
        private String embeddingsBaseUrl;
        private int maxRetries = DEFAULT_MAX_RETRIES;

        private Builder() {}

        public Builder type(String v) { type = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder baseUrl(String v) { baseUrl = v; return this; }
        public Builder apiKey(String v) { apiKey = v; return this; }
        public Builder embeddings(String v) { embeddings = v; return this; }
        public Builder embeddingsApiKey(String v) { embeddingsApiKey = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder embeddingsModel(String v) { embeddingsModel = v; return this; }
        public Builder embeddingsBaseUrl(String v) { embeddingsBaseUrl = v; return this; }
        public Builder maxRetries(int v) { maxRetries = v; return this; }

        public LlmConfig build() {
            return new LlmConfig(type, model, baseUrl, apiKey, embeddings, embeddingsApiKey, timeout, embeddingsModel,
                    embeddingsBaseUrl, maxRetries);
        }
    }

    @Override public String toString() {
        return "LlmConfig[type=" + type + ", model=" + model + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "unset" : "***") + ", embeddings=" + embeddings + ", embeddingsModel="
                + embeddingsModel + ", embeddingsApiKey=" + (embeddingsApiKey == null ? "unset" : "***")
                + ", timeout=" + timeout.toSeconds() + "s, maxRetries=" + maxRetries + "]";
    }

    private static String get(Map<String, String> env, String name) {
        String v = env == null ? null : env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = get(env, n);
            if (v != null) return v;
        }
        return null;
    }

    private static String orDefault(String v, String fallback) {
        return v == null ? fallback : v;
    }

    private static int positiveInt(Map<String, String> env, String name, int fallback) {
        int v = nonNegativeInt(env, name, fallback);
        if (v == 0) throw new IllegalArgumentException(name + " must be a positive number of seconds, got 0");
        return v;
    }

    private static int nonNegativeInt(Map<String, String> env, String name, int fallback) {
        String v = get(env, name);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number >= 0, got '" + v + "'");
        }
    }
}
