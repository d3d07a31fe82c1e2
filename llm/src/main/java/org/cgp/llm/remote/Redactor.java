package org.cgp.llm.remote;

import java.util.regex.Pattern;

/** Removes keys from text that may reach a log or an exception: the configured key and anything key-shaped. */
public final class Redactor {
    private static final Pattern KEY_SHAPED = Pattern.compile("\\b(sk|sk-ant|sk-proj|gsk|or|pk|rk)[-_][A-Za-z0-9_\\-*.]{6,}");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer|x-api-key:?)\\s+\\S+");
    private static final int MAX_CHARS = 500;

    private Redactor() {}

    public static String redact(String text, String key) {
        if (text == null) return "";
        String out = text;
        if (key != null && key.length() >= 4) out = out.replace(key, "[redacted]");
        out = KEY_SHAPED.matcher(out).replaceAll("[redacted]");
        out = BEARER.matcher(out).replaceAll("$1 [redacted]");
        out = out.replaceAll("\\s+", " ").strip();
        return out.length() > MAX_CHARS ? out.substring(0, MAX_CHARS) + "..." : out;
    }
}
