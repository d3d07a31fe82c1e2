package org.cgp.validator.store;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a store lives, as {@code --store} or {@code CGP_STORE_URL} give it: a file path or
 * {@code jdbc:sqlite:FILE} (SQLite), or {@code jdbc:postgresql://host:port/db?user=...&password=...}
 * (PostgreSQL). {@link #toString()} and every message use {@link #redacted()}: a password never
 * reaches a log.
 */
public record StoreUrl(Dialect dialect, String jdbcUrl, Path file) {
    /** The environment variable a store URL may come from when {@code --store} is not given. */
    public static final String ENV = "CGP_STORE_URL";

    public static StoreUrl sqlite(Path file) {
        return new StoreUrl(Dialect.SQLITE, "jdbc:sqlite:" + file, file);
    }

    /** The store {@code --store} names ({@code flag}, null when not given), else {@code CGP_STORE_URL} in {@code env}; empty for none. */
    public static java.util.Optional<StoreUrl> chosen(String flag, java.util.Map<String, String> env) {
        String value = flag != null ? flag : env.get(ENV);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(parse(value));
    }

    /** Reads a {@code --store} value; a URL of another database is a one-line error. */
    public static StoreUrl parse(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) throw new IllegalArgumentException("--store is empty: give a SQLite file or a jdbc:postgresql:// URL");
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) return new StoreUrl(Dialect.POSTGRESQL, v, null);
        if (lower.startsWith("jdbc:sqlite:")) {
            String path = v.substring("jdbc:sqlite:".length());
            if (path.isBlank() || path.startsWith(":memory:")) {
                throw new IllegalArgumentException("--store " + v + ": a store must be a file (results in memory would be lost)");
            }
            return sqlite(Path.of(path));
        }
        if (lower.startsWith("jdbc:") || lower.contains("://")) {
            throw new IllegalArgumentException("--store " + redact(v) + ": only SQLite files and jdbc:postgresql:// URLs are supported");
        }
        return sqlite(Path.of(v));
    }

    /** The URL with any password replaced by {@code ***}. */
    public String redacted() { return redact(jdbcUrl); }

    /** For logs: "SQLite store FILE" or "PostgreSQL store URL" (redacted). */
    public String describe() {
        return dialect == Dialect.SQLITE ? "SQLite store " + file : "PostgreSQL store " + redacted();
    }

    @Override public String toString() { return redacted(); }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;\\s]*", "$1***").replaceAll("(//[^/:@\\s]*:)[^@/\\s]*@", "$1***@");
    }
}
