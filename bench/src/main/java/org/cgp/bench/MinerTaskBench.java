package org.cgp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.llm.LlmClient;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.llm.embed.CachingEmbedder;
import org.cgp.llm.embed.MiniLmEmbedder;
import org.cgp.llm.offline.OfflineTagger;
import org.cgp.miner.Miner;
import org.cgp.miner.MinerConfig;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.task.SkillSection;
import org.cgp.protocol.task.Task;
import org.cgp.protocol.task.TaskEnvelope;
import org.cgp.protocol.task.Tasks;
import org.cgp.validator.conversation.Conversation;
import org.cgp.validator.conversation.ConversationFiles;

/**
 * One miner under signed task packets, as the live validators send them.
 *
 * <p>Part 1, offline provider: for each task type, tasks per second, p50/p99 latency and the
 * process's peak RSS (miner and load generator share the JVM) at 1, 8 and 64 concurrent callers,
 * each caller its own dendrite, every task distinct (cut from ../shared/data). Part 2, a remote
 * LLM that takes {@code llmSeconds} per call (a local server answering the OpenAI chat shape):
 * how many of many validators' conversation tasks come back 200 rather than 408 within the live
 * 12 s budget, with the provider's default forward pool and with the old fixed 4; and eight
 * validators' skill-coverage tasks (one call each, answered with a skill bundle).
 *
 * <p>Usage: {@code bench/run MinerTaskBench [tasksPerCaller=4] [llmSeconds=2]}.
 */
public final class MinerTaskBench {
    private static final double LIVE_TIMEOUT = CgSynapse.DEFAULT_TIMEOUT_SECONDS;

    public static void main(String[] args) throws Exception {
        int perCaller = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        double llmSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        Path data = Path.of("../shared/data/facebook-chat-data.json");
        if (!Files.isRegularFile(data)) {
            System.out.println("SKIP MinerTaskBench: " + data.toAbsolutePath() + " not found (it sits in ../shared/data beside the repository)");
            return;
        }
        List<Conversation> convos = ConversationFiles.load(data);
        System.out.printf("MinerTaskBench (each phase a fresh miner with a cold phrase cache; every task distinct): %d cores, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), loadAverage());
        TaskMaker maker = new TaskMaker(convos);
        for (String type : List.of("conversation_tagging", "webpage_metadata_generation", "survey_tagging", "named_entities_extraction",
                "skill_generation", "skill_coverage_evaluation")) {
            IntFunction<Task> make = switch (type) {
                case "conversation_tagging" -> maker::conversation;
                case "webpage_metadata_generation" -> maker::webpage;
                case "survey_tagging" -> maker::survey;
                case "named_entities_extraction" -> maker::entities;
                case "skill_generation" -> maker::skillDocument;
                default -> maker::skillCoverage;
            };
            for (int callers : new int[] {1, 8, 64}) {
                // a fresh miner with a cold phrase cache for every phase, so no phase profits from another's
                LlmClient tagger = new OfflineTagger(new CachingEmbedder(new MiniLmEmbedder(MiniLmEmbedder.QUANTISED_MODEL), 50_000));
                try (OfflineChain chain = new OfflineChain(1, List.of(), SubnetHyperparameters.permissive());
                     Miner miner = Miner.start(benchConfig(MinerConfig.defaultForwards(LlmConfig.OFFLINE)), Keypair.generate(), chain, tagger, null)) {
                    AxonInfo axon = new AxonInfo("127.0.0.1", miner.port(), miner.hotkey());
                    if (type.startsWith("conversation") && callers == 1) run(axon, 4, 4, maker::conversation, "warm-up (JIT, ONNX session)");
                    run(axon, callers, Math.max(4, 64 / callers), make, type);
                }
            }
        }
        remote(convos, llmSeconds);
    }

    /** Part 2: a remote LLM that is slow per call; many validators at once. */
    private static void remote(List<Conversation> convos, double llmSeconds) throws Exception {
        try (MockWebServer openAi = new MockWebServer()) {
            openAi.setDispatcher(new SlowOpenAi(llmSeconds));
            openAi.start();
            LlmConfig config = LlmConfig.fromEnv(Map.of("LLM_TYPE", "openai", "OPENAI_API_KEY", "sk-bench-0123456789abcdef",
                    "OPENAI_MODEL", "gpt-4o-mini", "OPENAI_BASE_URL", openAi.url("/v1").toString(), "LLM_TIMEOUT_SECONDS", "30"));
            LlmClient llm = LlmProviders.chat(config);
            TaskMaker maker = new TaskMaker(convos);
            for (int forwards : new int[] {MinerConfig.defaultForwards(LlmConfig.OPENAI), 4}) {
                MinerConfig mc = benchConfig(forwards);
                try (OfflineChain chain = new OfflineChain(1, List.of(), SubnetHyperparameters.permissive());
                     Miner miner = Miner.start(mc, Keypair.generate(), chain, llm, null)) {
                    AxonInfo axon = new AxonInfo("127.0.0.1", miner.port(), miner.hotkey());
                    for (int validators : new int[] {8, 32}) {
                        run(axon, validators, 2, maker::conversation,
                                String.format("remote LLM %.1f s/call, %d forwards, %d validators", llmSeconds, forwards, validators));
                    }
                    run(axon, 8, 2, maker::skillCoverage, String.format("skill bundle, %.1f s/call, %d forwards", llmSeconds, forwards));
                }
            }
        }
    }

    private static MinerConfig benchConfig(int forwards) {
        return MinerConfig.local(1).toBuilder().allowNonRegistered(true).forceValidatorPermit(false).serveAxon(false)
                .maxConcurrentForwards(forwards).build();
    }

    /** {@code callers} dendrites, each sending {@code each} distinct tasks one after another. */
    private static void run(AxonInfo axon, int callers, int each, IntFunction<Task> make, String label) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            done.add(pool.submit(() -> {
                try (Dendrite dendrite = new Dendrite(Keypair.generate())) {
                    for (int i = 0; i < each; i++) {
                        CgSynapse request = CgSynapse.request(make.apply(next.getAndIncrement()), LIVE_TIMEOUT);
                        long t0 = System.nanoTime();
                        DendriteResult<CgSynapse> r = dendrite.forward(List.of(axon), CgSynapse.NAME, request, CgSynapse.class,
                                Duration.ofMillis((long) (LIVE_TIMEOUT * 1000))).get(0);
                        latencies.add(System.nanoTime() - t0);
                        statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.get()));
        System.out.printf("%-44s %3d callers: %4d tasks %6.1f tasks/s  p50 %7.1f ms  p99 %7.1f ms  statuses %s  peak RSS %d MiB%n",
                label, callers, sorted.length, sorted.length / seconds, pct(sorted, 0.50), pct(sorted, 0.99), byStatus, peakRssMiB());
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (Exception e) {
            return "?";
        }
    }

    /** Distinct tasks of each type cut from the sample conversations (the i-th call gives a new one). */
    static final class TaskMaker {
        private final List<List<Line>> windows = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();

        TaskMaker(List<Conversation> convos) {
            for (Conversation c : convos) {
                List<Line> lines = c.lines();
                for (int i = 0; i + 10 <= lines.size(); i += 10) windows.add(lines.subList(i, i + 10)); // disjoint: no window repeats another
                for (Line l : lines) if (l.text().length() > 40) texts.add(l.text());
            }
        }

        Task conversation(int i) {
            return Tasks.conversation(TaskEnvelope.HIDDEN, TaskEnvelope.HIDDEN, -1, windows.get(i % windows.size()), List.of(), List.of("general"));
        }

        Task webpage(int i) {
            List<Line> w = new ArrayList<>();
            List<Line> src = windows.get(i % windows.size());
            StringBuilder page = new StringBuilder("# " + src.get(0).text() + "\n");
            for (int k = 1; k < 6; k++) page.append(src.get(k).text()).append("\n\n");
            w.add(new Line(0, page.toString()));
            for (int k = 6; k < 10; k++) w.add(new Line(k % 2, "Result " + k + "\n" + src.get(k).text()));
            return Tasks.webpage(TaskEnvelope.HIDDEN, TaskEnvelope.HIDDEN, w, List.of("general"));
        }

        Task survey(int i) {
            int n = texts.size() / 2; // two texts no other survey uses
            return Tasks.survey(TaskEnvelope.HIDDEN, TaskEnvelope.HIDDEN, "What did you like about it?", texts.get(i % n) + " " + texts.get(n + i % n));
        }

        Task entities(int i) {
            List<Line> src = windows.get(i % windows.size());
            StringBuilder transcript = new StringBuilder("[00:00:01] ");
            for (Line l : src) transcript.append(capitalise(l.text())).append(". ");
            return Tasks.namedEntities(TaskEnvelope.HIDDEN, TaskEnvelope.HIDDEN, -1, List.of(new Line(0, transcript.toString()),
                    new Line(0, "City Council Minutes\nMayor Elena Ortiz and the Riverton City Council approved $3.8 million.")));
        }

        /** A skill document: a Markdown page of headed sections cut from the sample chats. */
        Task skillDocument(int i) {
            List<Line> src = windows.get(i % windows.size());
            StringBuilder md = new StringBuilder("# Skill: " + src.get(0).text() + "\n\n");
            for (int k = 1; k < 10; k += 3) {
                md.append("## ").append(capitalise(src.get(k).text())).append("\n\n")
                        .append(src.get(k + 1).text()).append(". ").append(src.get(k + 2).text()).append(".\n\n");
            }
            return Tasks.skillGeneration(TaskEnvelope.HIDDEN, TaskEnvelope.HIDDEN, md.toString(), List.of("general"));
        }

        /** A skill request with a five-section map, its words from the i-th window. */
        Task skillCoverage(int i) {
            List<Line> src = windows.get(i % windows.size());
            List<SkillSection> sections = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                String words = src.get(k + 1).text();
                String id = "part_" + k + "_" + words.toLowerCase().replaceAll("[^a-z]+", "_").replaceAll("^_|_$", "");
                sections.add(new SkillSection(id.length() > 40 ? id.substring(0, 40) : id, capitalise(words), words));
            }
            return Tasks.skillCoverage(TaskEnvelope.HIDDEN, TaskEnvelope.HIDDEN, "Write a skill for: " + src.get(0).text(), sections,
                    List.of("general"));
        }

        private static String capitalise(String s) { // the chat data is lower case: make name-like spans
            StringBuilder b = new StringBuilder();
            for (String w : s.split(" ")) b.append(w.length() > 5 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w).append(' ');
            return b.toString().strip();
        }
    }

    /**
     * Answers the OpenAI chat shape after {@code seconds}: tags taken from the prompt's words, or for
     * the skill-bundle prompt a bundle with two tests for each section id in it.
     */
    static final class SlowOpenAi extends Dispatcher {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final long millis;

        SlowOpenAi(double seconds) { this.millis = (long) (seconds * 1000); }

        @Override public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            Thread.sleep(millis);
            try {
                JsonNode body = JSON.readTree(request.getBody().readUtf8());
                String prompt = body.path("messages").get(body.path("messages").size() - 1).path("content").asText();
                List<String> words = new ArrayList<>();
                for (String w : prompt.toLowerCase().split("[^a-z]+")) if (w.length() > 6 && words.size() < 8 && !words.contains(w)) words.add(w);
                String content = prompt.contains("<sections>") ? skillBundle(prompt) : JSON.writeValueAsString(Map.of("tags", words));
                return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                        {"id": "c", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": %s}, "finish_reason": "stop"}]}"""
                        .formatted(JSON.writeValueAsString(content)));
            } catch (Exception e) {
                return new MockResponse().setResponseCode(500);
            }
        }

        private static String skillBundle(String prompt) throws Exception {
            var bundle = JSON.createObjectNode().put("skill", "# Skill\n\n`check(text)` returns `OK` and raises `EmptyText` for empty text.")
                    .put("tdd_plan", "Check a typical and an empty text in every section.");
            var tests = bundle.putObject("section_tests");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^- \\[([^\\]]+)\\]").matcher(prompt);
            while (m.find()) {
                String id = m.group(1);
                tests.putArray(id).add(JSON.createObjectNode().put("name", id + "_typical").put("description", "a typical text")
                                .put("assertion", "check(\"" + id + "\") == \"OK\""))
                        .add(JSON.createObjectNode().put("name", id + "_empty").put("description", "an empty text")
                                .put("assertion", "check(\"\") raises EmptyText"));
            }
            return JSON.writeValueAsString(bundle);
        }
    }
}
