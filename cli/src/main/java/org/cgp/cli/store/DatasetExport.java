package org.cgp.cli.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cgp.llm.QualityAssessment;
import org.cgp.validator.store.DatasetRow;
import org.cgp.validator.store.ResultStore;
import org.cgp.validator.store.StoreException;

/**
 * {@code ./cgp store export}: every conversation in a store, one row each in the public dataset's
 * layout ({@link DatasetRow}), as JSON Lines or as Parquet. The file appears whole or not at all:
 * rows go to a temporary file beside the target, which is renamed over it only once complete.
 *
 * <p>Parquet is written by DuckDB's JDBC driver ({@code org.duckdb:duckdb_jdbc}) from the JSON
 * Lines, with the nested columns typed explicitly (lists of structs), ZSTD-compressed.
 */
public final class DatasetExport {
    public enum Format {
        JSONL, PARQUET;

        /** {@code --format}, or else the output's extension (.parquet: Parquet, anything else JSON Lines). */
        public static Format of(String flag, Path out) {
            if (flag == null || flag.isBlank()) {
                return out.getFileName() != null && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet") ? PARQUET : JSONL;
            }
            return switch (flag.strip().toLowerCase(Locale.ROOT)) {
                case "jsonl", "json" -> JSONL;
                case "parquet" -> PARQUET;
                default -> throw new IllegalArgumentException("--format must be jsonl or parquet, got '" + flag + "'");
            };
        }
    }

    /** The Parquet columns, as DuckDB types: what {@code read_json} is told the JSON Lines hold. */
    static final String PARQUET_COLUMNS = "{'c_guid': 'VARCHAR', "
            + "'transcript': 'STRUCT(speaker VARCHAR, speaker_idx INTEGER, text VARCHAR)[]', "
            + "'participants': 'VARCHAR[]', 'tags': 'VARCHAR[]', "
            + "'windows': 'STRUCT(window_idx INTEGER, uid INTEGER, miner_hotkey VARCHAR, tags VARCHAR[])[]', "
            + "'participant_profiles': 'STRUCT(participant VARCHAR, interests VARCHAR[], hobbies VARCHAR[], personality_traits VARCHAR[])[]', "
            + "'quality': 'STRUCT(relevance DOUBLE, engagement DOUBLE, novelty DOUBLE, coherence DOUBLE, fluency DOUBLE,"
            + " boring_index DOUBLE, method VARCHAR)'";
    static final String EMBEDDINGS_COLUMN = ", 'tag_embeddings': 'STRUCT(tag VARCHAR, vector FLOAT[])[]'";

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private DatasetExport() {}

    /** Writes the export to {@code out}; returns the number of conversations written. */
    public static long export(ResultStore store, Path out, Format format, boolean embeddings, Progress progress) {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) throw new StoreException("cannot write the export to " + out + ": it is a directory");
        if (dir == null || !Files.isDirectory(dir)) throw new StoreException("cannot write the export to " + out + ": no directory " + dir);
        Path rows = temp(dir, target, ".jsonl.part", out);
        Path parquet = null;
        try {
            long n = writeRows(store, rows, embeddings, progress);
            Path finished = rows;
            if (format == Format.PARQUET) {
                parquet = temp(dir, target, ".parquet.part", out);
                Files.delete(parquet); // DuckDB creates it
                toParquet(rows, parquet, embeddings);
                finished = parquet;
            }
            Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return n;
        } catch (IOException e) {
            throw new StoreException("cannot write the export to " + out + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new StoreException("cannot write Parquet to " + out + ": " + firstLine(e.getMessage()), e);
        } finally {
            deleteQuietly(rows);
            if (parquet != null) deleteQuietly(parquet);
        }
    }

    /** A new empty file beside the target (created as any file there is, so the export gets the usual permissions). */
    private static Path temp(Path dir, Path target, String suffix, Path out) {
        try {
            Path p = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(new SecureRandom().nextLong(), 36) + suffix);
            Files.newOutputStream(p, StandardOpenOption.CREATE_NEW).close();
            return p;
        } catch (AccessDeniedException e) {
            throw new StoreException("cannot write the export to " + out + ": permission denied in " + dir);
        } catch (NoSuchFileException e) {
            throw new StoreException("cannot write the export to " + out + ": no directory " + dir);
        } catch (IOException e) {
            throw new StoreException("cannot write the export to " + out + ": " + e.getMessage());
        }
    }

    private static long writeRows(ResultStore store, Path file, boolean embeddings, Progress progress) throws IOException {
        long[] n = {0};
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            store.forEachConversation(embeddings, row -> {
                try {
                    JSON.writeValue(os, json(row, embeddings));
                    os.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                n[0]++;
                progress.step();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return n[0];
    }

    private static Map<String, Object> json(DatasetRow r, boolean embeddings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("c_guid", r.guid());
        m.put("transcript", r.transcript().stream().map(u -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("speaker", u.speaker());
            t.put("speaker_idx", u.speakerIdx());
            t.put("text", u.text());
            return t;
        }).toList());
        m.put("participants", r.participants());
        m.put("tags", r.tags());
        m.put("windows", r.windows().stream().map(w -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("window_idx", w.windowIdx());
            t.put("uid", w.uid());
            t.put("miner_hotkey", w.minerHotkey());
            t.put("tags", w.tags());
            return t;
        }).toList());
        m.put("participant_profiles", r.profiles().stream().map(p -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("participant", p.participant());
            t.put("interests", p.interests());
            t.put("hobbies", p.hobbies());
            t.put("personality_traits", p.personalityTraits());
            return t;
        }).toList());
        QualityAssessment q = r.quality();
        if (q == null) {
            m.put("quality", null);
        } else {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("relevance", q.relevance());
            t.put("engagement", q.engagement());
            t.put("novelty", q.novelty());
            t.put("coherence", q.coherence());
            t.put("fluency", q.fluency());
            t.put("boring_index", q.boringIndex());
            t.put("method", q.method());
            m.put("quality", t);
        }
        if (embeddings) {
            m.put("tag_embeddings", r.embeddings().stream().map(e -> {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("tag", e.tag());
                t.put("vector", e.vector());
                return t;
            }).toList());
        }
        return m;
    }

    private static void toParquet(Path jsonl, Path parquet, boolean embeddings) throws SQLException {
        String columns = PARQUET_COLUMNS + (embeddings ? EMBEDDINGS_COLUMN : "") + "}";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads TO 2"); // an export beside running daemons takes two cores at most
            s.execute("COPY (SELECT * FROM read_json(" + literal(jsonl) + ", format = 'newline_delimited', columns = " + columns
                    + ")) TO " + literal(parquet) + " (FORMAT PARQUET, COMPRESSION ZSTD)");
        }
    }

    /** A SQL string literal of a path (quotes doubled). */
    static String literal(Path p) {
        return "'" + p.toString().replace("'", "''") + "'";
    }

    private static String firstLine(String m) {
        if (m == null) return "";
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file left behind is named as one (".name.*.part") and harms nothing
        }
    }
}
