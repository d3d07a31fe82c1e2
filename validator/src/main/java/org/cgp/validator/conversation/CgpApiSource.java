package org.cgp.validator.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.cgp.llm.remote.Redactor;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.validator.StepSettings;
import org.cgp.validator.bundle.BundleFormatException;
import org.cgp.validator.bundle.BundleParser;
import org.cgp.validator.bundle.TaskBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserves task bundles from the CGP API as the live validators do: {@code POST {read
 * host}/api/v1/conversation/reserve?cgp_version=<ours>} (plus {@code &options=22} when
 * {@code CGP_API_OPTIONS} holds 22) with {@code {}} and the validator's Bearer key, one bundle per
 * call, parsed by type ({@link BundleParser}). The answer's {@code errors} and {@code warnings}
 * are logged. A refused call, an unreadable answer or an unusable bundle is logged (with the
 * bundle's guid, and the body scrubbed of the key) and gives nothing.
 */
public final class CgpApiSource implements ConversationSource {
    private static final Logger log = LoggerFactory.getLogger(CgpApiSource.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl readBase;
    private final String apiKey;
    private final String options;

    /** @param apiKey the validator API key, or null (no Authorization header is sent then) */
    public CgpApiSource(OkHttpClient http, HttpUrl readBase, String apiKey, String options) {
        this.http = http;
        this.readBase = readBase;
        this.apiKey = apiKey;
        this.options = options;
    }

    /** The reserve URL, as the live validators build it. */
    HttpUrl reserveUrl() {
        HttpUrl.Builder url = readBase.newBuilder().addPathSegments("api/v1/conversation/reserve")
                .addQueryParameter("cgp_version", StepSettings.CGP_VERSION);
        if (options != null && List.of(options.split(",")).stream().map(String::strip).anyMatch("22"::equals)) {
            url.addQueryParameter("options", "22");
        }
        return url.build();
    }

    @Override public Optional<TaskBundle> reserve() {
        Request.Builder rb = new Request.Builder().url(reserveUrl())
                .header("Accept", "application/json").header("Accept-Language", "en_US")
                .post(RequestBody.create("{}", JSON));
        if (apiKey != null && !apiKey.isBlank()) rb.header("Authorization", "Bearer " + apiKey);
        try (Response r = http.newCall(rb.build()).execute()) {
            String body = r.body() == null ? "" : r.body().string();
            if (r.code() != 200) {
                log.error("reserveConversation error: HTTP {} from {}: {}", r.code(), readBase, abbreviate(Redactor.redact(body, apiKey)));
                return Optional.empty();
            }
            return parse(WireJson.mapper().readTree(body));
        } catch (IOException e) {
            log.error("reserveConversation error: {} ({}: {})", readBase, e.getClass().getSimpleName(), Redactor.redact(e.getMessage(), apiKey));
            return Optional.empty();
        }
    }

    Optional<TaskBundle> parse(JsonNode root) {
        if (root != null && root.isObject()) {
            for (String field : List.of("errors", "warnings")) {
                JsonNode n = root.get(field);
                if (n != null && !n.isNull() && !(n.isContainerNode() && n.isEmpty())) {
                    log.warn("reserveConversation {}: {}", field, abbreviate(Redactor.redact(n.toString(), apiKey)));
                }
            }
        }
        try {
            return Optional.of(BundleParser.parse(root));
        } catch (BundleFormatException e) {
            log.error("reserveConversation error: {}; skipped", Redactor.redact(e.getMessage(), apiKey));
            return Optional.empty();
        }
    }

    private static String abbreviate(String s) {
        String oneLine = s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    @Override public String describe() { return "CGP API " + readBase; }
}
