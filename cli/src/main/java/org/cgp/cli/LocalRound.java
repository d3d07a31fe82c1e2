package org.cgp.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.chain.OfflineChain;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.localnet.LocalSubnet;
import org.cgp.miner.Miner;
import org.cgp.validator.MinerResult;
import org.cgp.validator.StepReport;
import org.cgp.validator.StepSettings;
import org.cgp.validator.Validator;
import org.cgp.validator.ValidatorConfig;
import org.cgp.validator.WindowOutcome;
import org.cgp.validator.conversation.Conversation;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.cgp.validator.state.ValidatorState;

/**
 * A whole round on one machine: a local subnet of miners on loopback, a validator with
 * its own hotkey, the offline LLM, local conversations, a SQLite store. Prints the flow and a
 * final table; the result says whether every step produced scores.
 */
public final class LocalRound {
    /** @param windows windows per conversation, 0 for all */
    public record Settings(int miners, int windows, int rounds, Path workDir) {}

    /** One row of the final table. */
    public record Row(int uid, String hotkey, int windowsAnswered, List<String> lastTags, double lastScore, double movingAverage,
                      int weight) {}

    /**
     * @param ownerWeight     the u16 weight the subnet owner (uid 0 here) received: 0, as the live validators leave it out
     * @param committedMiners the miners the validator reached through their sealed endpoint commitments
     */
    public record Result(List<StepReport> steps, List<Row> table, int storedRecords, boolean ok, String problem, int ownerWeight,
                         int committedMiners) {}

    private final Settings settings;
    private final PrintStream out;

    public LocalRound(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Result run(List<Conversation> conversations, LlmClient llm, Embedder embedder) throws InterruptedException {
        clearPreviousRound();
        try (LocalSubnet subnet = LocalSubnet.startWithCommitments(settings.miners(), llm, embedder, new SimpleMeterRegistry());
             ResultStore store = ResultStore.sqlite(settings.workDir().resolve("cgp-local.sqlite"))) {
            // one conversation bundle per step, as many windows as asked; the live step takes 10 bundles and needs 10 tasks
            StepSettings step = StepSettings.defaults(LocalSubnet.NETUID).withMaxWindows(settings.windows())
                    .withSampleSize(Math.min(3, settings.miners())).withBundles(1, 1).withMode("local")
                    .toBuilder().assessQuality(true).build(); // the round is also a dataset: profiles and the five scores go into its store
            ValidatorConfig config = ValidatorConfig.local(step, settings.workDir().resolve("validator"));
            List<StepReport> reports = new ArrayList<>();
            Map<Integer, MinerResult> last = new HashMap<>();
            Map<Integer, Integer> answered = new HashMap<>();
            try (Validator validator = new Validator(config, subnet.validatorKey(), subnet.chain(), llm, embedder,
                    new LocalConversations(conversations, "local conversations"), store, subnet.commitmentPrivateKey())) {
                int committed = validator.endpoints().committedCount();
                out.printf("%d of %d miners hide behind sealed endpoint commitments (the metagraph shows a placeholder); the validator opens them with the subnet's key%n",
                        committed, settings.miners());
                for (int r = 0; r < settings.rounds(); r++) {
                    StepReport report = validator.runStep();
                    reports.add(report);
                    for (WindowOutcome w : report.windows()) {
                        for (MinerResult m : w.results()) {
                            last.put(m.uid(), m);
                            if (m.status() == 200) answered.merge(m.uid(), 1, Integer::sum);
                        }
                    }
                }
                double[] ema = validator.state().ema();
                List<OfflineChain.WeightsSet> sets = subnet.chain().weightsSet();
                Map<Integer, Integer> weights = new LinkedHashMap<>();
                if (!sets.isEmpty()) {
                    OfflineChain.WeightsSet ws = sets.get(sets.size() - 1);
                    for (int i = 0; i < ws.uids().length; i++) weights.put(ws.uids()[i], ws.weights()[i]);
                }
                List<Row> table = new ArrayList<>();
                for (Miner m : subnet.miners()) {
                    int uid = subnet.chain().metagraph(LocalSubnet.NETUID).byHotkey(m.hotkey()).orElseThrow().uid();
                    MinerResult lr = last.get(uid);
                    table.add(new Row(uid, m.hotkey(), answered.getOrDefault(uid, 0), lr == null ? List.of() : lr.tags(),
                            lr == null ? 0 : lr.score().finalScore(), ema[uid], weights.getOrDefault(uid, 0)));
                }
                printTable(table);
                int owner = weights.getOrDefault(LocalSubnet.VALIDATOR_UID, 0);
                out.printf("uid %d, the subnet owner (here also the validator), weight %d: the live validators leave the owner out of the ranking "
                        + "and burn %.0f %% of their weight%n", LocalSubnet.VALIDATOR_UID, owner, 100 * config.burnRate());
                int stored = store.rows().size();
                out.printf("Stored %d records in %s (the round as a dataset: ./cgp store export --store %s -o dataset.parquet)%n", stored,
                        store.url().file(), store.url().file());
                String problem = null;
                if (reports.stream().noneMatch(StepReport::succeeded)) {
                    problem = "no step completed: " + reports.get(reports.size() - 1).skipped();
                } else if (table.stream().allMatch(t -> t.windowsAnswered() == 0)) {
                    problem = "no miner answered any window";
                }
                return new Result(reports, table, stored, problem == null, problem, owner, committed);
            }
        }
    }

    /** Each round is a new subnet with new hotkeys: the last round's state and store belong to one that is gone. */
    private void clearPreviousRound() {
        try {
            Files.deleteIfExists(settings.workDir().resolve("validator").resolve(ValidatorState.FILE_NAME));
            for (String f : List.of("cgp-local.sqlite", "cgp-local.sqlite-wal", "cgp-local.sqlite-shm")) {
                Files.deleteIfExists(settings.workDir().resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the previous local round in " + settings.workDir(), e);
        }
    }

    private void printTable(List<Row> rows) {
        out.println();
        out.printf("%-4s %-48s %-8s %-7s %-7s %-6s %s%n", "uid", "hotkey", "answers", "score", "mov.avg", "weight", "last tags");
        for (Row r : rows) {
            String tags = String.join(", ", r.lastTags());
            if (tags.length() > 60) tags = tags.substring(0, 57) + "...";
            out.printf("%-4d %-48s %-8d %-7.4f %-7.4f %-6d %s%n", r.uid(), r.hotkey(), r.windowsAnswered(), r.lastScore(),
                    r.movingAverage(), r.weight(), tags);
        }
        out.println();
    }
}
