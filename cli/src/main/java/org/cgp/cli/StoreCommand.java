package org.cgp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cgp.cli.store.DatasetExport;
import org.cgp.cli.store.Progress;
import org.cgp.cli.store.VectorIndex;
import org.cgp.llm.LlmProviders;
import org.cgp.llm.QualityAssessment;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.validator.store.DatasetRow;
import org.cgp.validator.store.ResultStore;
import org.cgp.validator.store.StoreImport;
import org.cgp.validator.store.StoreUrl;
import org.cgp.validator.store.StoredBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgp store}: a validator's store (SQLite or PostgreSQL): what is in it, conversations in, the dataset out. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "A validator's store (a SQLite file or a PostgreSQL database): import conversations, export the dataset,"
                + " find conversations by meaning.",
        subcommands = {StoreCommand.Info.class, StoreCommand.Import.class, StoreCommand.Export.class, StoreCommand.Index.class,
                StoreCommand.Search.class, StoreCommand.Similar.class})
public final class StoreCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code --store} every subcommand takes, defaulting to {@code CGP_STORE_URL} (the environment, then .env). */
    static final class Where {
        @Option(names = "--store", description = "A SQLite file or jdbc:postgresql://host:port/db?user=...&password=... (default: $"
                + StoreUrl.ENV + ")")
        String store;

        ResultStore open() {
            Logging.toStderr(); // stdout is the command's answer
            return ResultStore.open(url(), null);
        }

        StoreUrl url() {
            return StoreUrl.chosen(store, EnvFile.environment(Path.of(".env"))).orElseThrow(() ->
                    new IllegalArgumentException("no store: give --store FILE|jdbc:postgresql://... or set " + StoreUrl.ENV));
        }
    }

    /** Where a store's vector index lives: {@code --index}, else beside a SQLite file ({@code FILE.index}). */
    static final class IndexDir {
        @Option(names = "--index", description = "The vector index's directory (default: beside a SQLite store, FILE.index; required for PostgreSQL)")
        Path index;

        Path of(StoreUrl url) {
            if (index != null) return index;
            if (url.file() != null) return Path.of(url.file() + ".index");
            throw new IllegalArgumentException("--index is required for a PostgreSQL store: give the directory the vector index goes to");
        }

        /** The index of {@code store}, brought up to it first: built when missing, else the conversations tagged since indexed. */
        VectorIndex current(ResultStore store, PrintWriter err) {
            Path dir = of(store.url());
            boolean fresh = !VectorIndex.exists(dir);
            long n = VectorIndex.update(store, dir, Progress.onStderr("Indexing", fresh ? store.conversationCount() : 0));
            if (fresh || n > 0) {
                err.printf("Indexed %d %s in %s%n", n, fresh ? "conversations" : "conversations tagged since the index was written", dir);
                err.flush();
            }
            return VectorIndex.open(dir);
        }
    }

    @Command(name = "index", mixinStandardHelpOptions = true,
            description = "Rebuild the store's vector index whole (one vector per conversation and per ground-truth tag, HNSW) for"
                    + " search and similar, which build it when it is missing and add what was tagged since it was written.")
    static final class Index implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Where where = new Where();
        @picocli.CommandLine.Mixin IndexDir indexDir = new IndexDir();

        @Override public Integer call() {
            try (ResultStore s = where.open()) {
                Path dir = indexDir.of(s.url());
                long n = VectorIndex.build(s, dir, Progress.onStderr("Indexing", s.conversationCount()));
                spec.commandLine().getOut().printf("Indexed %d conversations of %s in %s%n", n, s.describe(), dir);
            }
            return 0;
        }
    }

    /** What search and similar print: the hits with the store's tags and quality, as lines or JSON. */
    static final class Results {
        @Option(names = "--k", defaultValue = "10", description = "How many conversations (default: ${DEFAULT-VALUE})")
        int k;

        @Option(names = "--json", description = "One JSON object per line instead of text")
        boolean json;

        void print(PrintWriter out, ResultStore store, List<VectorIndex.Hit> hits) {
            if (hits.isEmpty() && !json) out.println("(nothing found)");
            for (VectorIndex.Hit h : hits) {
                Optional<DatasetRow> row = store.conversation(h.guid());
                List<String> tags = row.map(DatasetRow::tags).orElse(List.of());
                QualityAssessment q = row.map(DatasetRow::quality).orElse(null);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("c_guid", h.guid());
                    m.put("cosine", Math.round(h.cosine() * 10_000) / 10_000.0);
                    m.put("closest_tag", h.closestTag());
                    m.put("tags", tags);
                    m.put("quality", q);
                    try {
                        out.println(WireJson.mapper().writeValueAsString(m));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                } else {
                    out.printf(Locale.ROOT, "%.3f  %s  %s%s%n", h.cosine(), h.guid(), String.join(", ", tags.subList(0, Math.min(8, tags.size()))),
                            q == null ? "" : String.format(Locale.ROOT, "  (relevance %.1f, engagement %.1f, novelty %.1f, coherence %.1f,"
                                    + " fluency %.1f, boring %.1f)", q.relevance(), q.engagement(), q.novelty(), q.coherence(), q.fluency(), q.boringIndex()));
                }
            }
            out.flush();
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "The conversations whose ground truth is closest in meaning to TEXT (MiniLM embeddings, cosine), closest first,"
                    + " with their tags and quality.")
    static final class Search implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Where where = new Where();
        @picocli.CommandLine.Mixin IndexDir indexDir = new IndexDir();
        @picocli.CommandLine.Mixin Results results = new Results();

        @Parameters(paramLabel = "TEXT", description = "What to look for, in your own words")
        String text;

        @Override public Integer call() {
            if (text == null || text.isBlank()) throw new IllegalArgumentException("search needs some TEXT");
            try (ResultStore s = where.open(); VectorIndex index = indexDir.current(s, spec.commandLine().getErr())) {
                float[] q = LlmProviders.miniLm().embedAll(List.of(text.strip())).get(0);
                results.print(spec.commandLine().getOut(), s, index.search(q, results.k));
            }
            return 0;
        }
    }

    @Command(name = "similar", mixinStandardHelpOptions = true,
            description = "The conversations closest in meaning to conversation GUID (its own ground truth as the query), closest first.")
    static final class Similar implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Where where = new Where();
        @picocli.CommandLine.Mixin IndexDir indexDir = new IndexDir();
        @picocli.CommandLine.Mixin Results results = new Results();

        @Parameters(paramLabel = "GUID", description = "A conversation in the store")
        String guid;

        @Override public Integer call() {
            try (ResultStore s = where.open(); VectorIndex index = indexDir.current(s, spec.commandLine().getErr())) {
                if (s.conversation(guid).isEmpty()) throw new IllegalArgumentException("no conversation " + guid + " in " + s.describe());
                if (!index.holds(guid)) {
                    throw new IllegalArgumentException("conversation " + guid + " has no ground-truth embeddings to compare (not tagged yet)");
                }
                results.print(spec.commandLine().getOut(), s, index.similar(guid, results.k));
            }
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "The store's schema version and how many rows each table holds.")
    static final class Info implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Where where = new Where();

        @Override public Integer call() {
            try (ResultStore s = where.open()) {
                PrintWriter out = spec.commandLine().getOut();
                out.println(s.describe() + ", schema version " + s.schemaVersion());
                for (Map.Entry<String, Long> e : s.counts().entrySet()) out.printf("  %-14s %d%n", e.getKey(), e.getValue());
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add the conversations or task bundles of FILE to the store: task-bundle JSON (one or a list, as the CGP API"
                    + " hands them out), conversations as facebook-chat-data JSON or id,Persona,chat CSV, captions (.vtt, .srt),"
                    + " a diarised transcript (segments of speaker and text), a Discord channel export, or an export's JSON Lines."
                    + " The file is read whole first; a file that cannot be used changes nothing. Bundles already stored are skipped.")
    static final class Import implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Where where = new Where();

        @Parameters(paramLabel = "FILE", description = "The file to import")
        Path file;

        @Override public Integer call() {
            List<StoredBundle> bundles = StoreImport.read(file);
            try (ResultStore s = where.open()) {
                Progress progress = Progress.onStderr("Importing", bundles.size());
                int added = s.importBundles(bundles, progress::at);
                spec.commandLine().getOut().printf("Imported %d of %d bundles from %s into %s (%d were there already)%n", added,
                        bundles.size(), file, s.describe(), bundles.size() - added);
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every conversation in the store, one row each (c_guid, transcript, participants, ground-truth tags,"
                    + " each miner's tags per window, optionally the tag embeddings), as JSON Lines or Parquet."
                    + " The file appears whole or not at all.")
    static final class Export implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Where where = new Where();

        @Option(names = {"-o", "--out"}, required = true, description = "The file to write (replaced once the export is complete)")
        Path out;

        @Option(names = "--format", description = "jsonl | parquet (default: from the file's extension, .parquet or else jsonl)")
        String format;

        @Option(names = "--embeddings", description = "Add the ground truth's tag embeddings (384 floats per tag)")
        boolean embeddings;

        @Override public Integer call() {
            DatasetExport.Format f = DatasetExport.Format.of(format, out);
            try (ResultStore s = where.open()) {
                long total = s.conversationCount();
                long n = DatasetExport.export(s, out, f, embeddings, Progress.onStderr("Exporting", total));
                spec.commandLine().getOut().printf("Exported %d conversations from %s to %s (%s)%n", n, s.describe(), out,
                        f.name().toLowerCase(Locale.ROOT));
            }
            return 0;
        }
    }
}
