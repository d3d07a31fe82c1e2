package org.cgp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cgp.cli.store.DatasetExport;
import org.cgp.cli.store.Progress;
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
        description = "A validator's store (a SQLite file or a PostgreSQL database): import conversations, export the dataset.",
        subcommands = {StoreCommand.Info.class, StoreCommand.Import.class, StoreCommand.Export.class})
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
            StoreUrl url = StoreUrl.chosen(store, EnvFile.environment(Path.of(".env"))).orElseThrow(() ->
                    new IllegalArgumentException("no store: give --store FILE|jdbc:postgresql://... or set " + StoreUrl.ENV));
            return ResultStore.open(url, null);
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
                        f.name().toLowerCase(java.util.Locale.ROOT));
            }
            return 0;
        }
    }
}
