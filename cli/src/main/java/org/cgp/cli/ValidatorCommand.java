package org.cgp.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.cgp.chain.Chain;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.scoring.RewardDistribution;
import org.cgp.scoring.ScoringVersion;
import org.cgp.validator.PacketShape;
import org.cgp.validator.StepSettings;
import org.cgp.validator.Validator;
import org.cgp.validator.ValidatorConfig;
import org.cgp.validator.ValidatorMetrics;
import org.cgp.cli.status.StatusPages;
import org.cgp.cli.status.StatusServer;
import org.cgp.validator.conversation.CgpApiSource;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.ConversationSource;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.record.CgpApiRecorder;
import org.cgp.validator.record.ResultRecorder;
import org.cgp.validator.record.Spool;
import org.cgp.llm.MeteredLlmClient;
import org.cgp.validator.store.ResultStore;
import org.cgp.validator.store.StoreSource;
import org.cgp.validator.state.StateLock;
import org.cgp.validator.store.StoreUrl;
import org.cgp.protocol.commitment.CommitmentKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cgp validator}: the validator daemon, with the Python neuron's flags. */
@Command(name = "validator", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = true, description = "Run the CGP validator.")
public final class ValidatorCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Mixin WeightsOptions weightsOptions;

    @Option(names = "--neuron.sample_size", defaultValue = "" + StepSettings.LIVE_SAMPLE_SIZE, description = "Miners each task goes to (default: ${DEFAULT-VALUE})")
    int sampleSize;

    @Option(names = "--validator.bundles", defaultValue = "" + StepSettings.LIVE_BUNDLES, description = "Task bundles reserved per step (default: ${DEFAULT-VALUE})")
    int bundles;

    @Option(names = "--validator.min_tasks", defaultValue = "" + StepSettings.LIVE_MIN_TASKS,
            description = "A step with fewer tasks queries nobody and sets no weights (default: ${DEFAULT-VALUE})")
    int minTasks;

    @Option(names = "--validator.tag_similarity", defaultValue = "mean",
            description = "mean (live: each tag against the ground truth's mean) | nearest (against the nearest ground-truth tag; "
                    + "stops vague or echoed words from outscoring specific tags, not live) (default: ${DEFAULT-VALUE})")
    String tagSimilarity;

    @Option(names = "--validator.packet", defaultValue = "task",
            description = "task (what live miners accept) | seed (conversation windows for miners that predate tasks) (default: ${DEFAULT-VALUE})")
    String packet;

    @Option(names = "--validator.assess_quality",
            description = "Also assess each conversation's relevance, engagement, novelty, coherence and fluency (0-10) and store them with"
                    + " its ground truth, for the dataset (one more LLM call per conversation; not live, and not part of scoring)")
    boolean assessQuality;

    @Option(names = "--neuron.timeout", defaultValue = "" + StepSettings.LIVE_TIMEOUT_SECONDS, description = "Seconds a miner has to answer (default: ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = "--neuron.vpermit_tao_limit", defaultValue = "" + ValidatorConfig.DEFAULT_VPERMIT_TAO_LIMIT, description = "Never query validators above this stake (default: ${DEFAULT-VALUE})")
    double vpermitTaoLimit;

    @Option(names = "--neuron.epoch_length", defaultValue = "" + ValidatorConfig.DEFAULT_EPOCH_LENGTH, description = "Blocks between weight settings (default: ${DEFAULT-VALUE})")
    long epochLength;

    @Option(names = "--neuron.disable_set_weights", description = "Score but never set weights")
    boolean disableSetWeights;

    @Option(names = "--neuron.moving_average_alpha", defaultValue = "" + ValidatorConfig.DEFAULT_ALPHA, description = "Moving average alpha (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--neuron.scoring_version", defaultValue = "v2", description = "v2 | seed (default: ${DEFAULT-VALUE})")
    String scoringVersion;

    @Option(names = "--neuron.reward_distribution", defaultValue = "linear", description = "linear | bell | cubic (default: ${DEFAULT-VALUE})")
    String rewardDistribution;

    @Option(names = "--conversations", description = "Read conversations from this JSON/CSV file instead of the CGP API")
    Path conversations;

    @Option(names = "--conversations-from-store", description = "Tag the bundles imported into the store (./cgp store import) instead of"
            + " reserving from the CGP API, the least tagged first; needs --store or $" + StoreUrl.ENV)
    boolean conversationsFromStore;

    @Option(names = "--store", description = "Record results in a store instead of the CGP API: a SQLite file, or"
            + " jdbc:postgresql://host:port/db?user=...&password=... (default: $" + StoreUrl.ENV + " when set)")
    String store;

    @Option(names = "--windows", defaultValue = "" + StepSettings.LIVE_TASKS_PER_BUNDLE,
            description = "Tasks cut from one bundle at most (windows of a conversation): a number or 'all' (default: ${DEFAULT-VALUE})")
    String windows;

    @Option(names = "--offline.metagraph", description = "JSON list of neurons to use instead of a chain")
    Path offlineMetagraph;

    @Option(names = {"--axon.port", "--axon.ip", "--axon.external_ip", "--axon.external_port"}, hidden = true,
            description = "Accepted for compatibility with the Python validator's command line; this validator serves no axon")
    java.util.List<String> axonCompatibility;

    @Option(names = {"--neuron.axon_off", "--axon_off"}, hidden = true, description = "Accepted for compatibility; no axon is served")
    boolean axonOff;

    /**
     * The validator's configuration from its flags and {@code env} (the .env file and environment).
     * With no flag given it equals {@code ValidatorConfig.builder(StepSettings.defaults(netuid), dir)}:
     * a test checks the flags' default literals against those one-place defaults.
     */
    ValidatorConfig config(Map<String, String> env) {
        StepSettings step = StepSettings.builder(common.netuid()).sampleSize(sampleSize).timeout(seconds("--neuron.timeout", timeout))
                .maxConvoLines(intEnv(env, "MAX_CONVO_LINES", StepSettings.LIVE_MAX_CONVO_LINES)).bundles(bundles)
                .maxWindows(LocalCommand.parseWindows(windows)).minTasks(minTasks)
                .qualityThreshold(intEnv(env, "CONVO_QUALITY_THRESHOLD", StepSettings.LIVE_QUALITY_THRESHOLD))
                .packet(parseEnum(PacketShape.class, "--validator.packet", packet))
                .scoringVersion(parseEnum(ScoringVersion.class, "--neuron.scoring_version", scoringVersion))
                .rewardDistribution(parseEnum(RewardDistribution.class, "--neuron.reward_distribution", rewardDistribution))
                .mode(env.getOrDefault("SYSTEM_MODE", StepSettings.DEFAULT_MODE)).nearestTag(nearest(tagSimilarity))
                .assessQuality(assessQuality).build();
        Path stateDir = common.fullPath("validator");
        return weightsOptions.applyTo(ValidatorConfig.builder(step, stateDir).epochLength(epochLength)
                .disableSetWeights(disableSetWeights).alpha(alpha).vpermitTaoLimit(vpermitTaoLimit).build());
    }

    @Override public Integer call() throws Exception {
        Logging.configure(common.debug, common.trace);
        common.metricsPort(); // checked before anything starts
        Map<String, String> env = EnvFile.environment(Path.of(".env"));
        ValidatorConfig config = config(env);
        Path stateDir = config.stateDir();
        byte[] commitmentKey = commitmentKey(env);
        Keypair hotkey = Hotkeys.resolve(common);
        System.out.println("Validator hotkey: " + hotkey.ss58Address());
        LlmConfig llm = Llm.config(common);
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(positive(intEnv(env, "HTTP_TIMEOUT", 60), "HTTP_TIMEOUT"))).build();
        java.util.Optional<StoreUrl> storeUrl = StoreUrl.chosen(store, env);
        if (conversationsFromStore && storeUrl.isEmpty()) {
            throw new IllegalArgumentException("--conversations-from-store needs a store: give --store or set " + StoreUrl.ENV);
        }
        if (conversationsFromStore && conversations != null) {
            throw new IllegalArgumentException("--conversations and --conversations-from-store exclude each other: give one");
        }
        // every flag and file checked before the store is opened
        ConversationSource fileOrApi = conversationsFromStore ? null
                : conversations != null ? new LocalConversations(ConversationFiles.load(conversations), "file " + conversations)
                : new CgpApiSource(http, url(env, "CGP_API_READ_HOST", "https://api.conversations.xyz"), apiKey(env),
                        env.get("CGP_API_OPTIONS"));
        // the state directory's lock before its spools are read: a second validator on it stops here, before it re-sends the first one's records
        StateLock lock = StateLock.acquire(stateDir);
        ResultRecorder recorder;
        try {
            recorder = storeUrl.isPresent() ? ResultStore.open(storeUrl.get(), stateDir.resolve("store-spool"))
                    : new CgpApiRecorder(http, url(env, "CGP_API_WRITE_HOST", "https://db.conversations.xyz"),
                            new Spool(stateDir.resolve("spool"), Spool.DEFAULT_MAX_BYTES, Spool.DEFAULT_MAX_AGE));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        ConversationSource source = conversationsFromStore ? new StoreSource((ResultStore) recorder) : fileOrApi;
        GracefulShutdown shutdown = GracefulShutdown.install("validator", Duration.ofSeconds(60));
        PrometheusMeterRegistry registry = Meters.prometheus();
        Chain chain;
        try {
            chain = Chains.journaled(Chains.open(common, offlineMetagraph), stateDir);
        } catch (RuntimeException e) {
            recorder.close();
            lock.close();
            throw e;
        }
        try (chain; Validator validator = new Validator(config, hotkey, chain, MeteredLlmClient.wrap(LlmProviders.chat(llm), registry),
                LlmProviders.embedder(llm), source, recorder, commitmentKey, lock)) {
            ValidatorMetrics metrics = new ValidatorMetrics(validator::state, validator.weights()::last, recorder::pending);
            metrics.bindTo(registry);
            validator.onStep(metrics::record);
            validator.weights().addListener(metrics.weightsListener());
            try (StatusServer status = common.metricsPort() > 0
                    ? StatusServer.start(common.metricsHost, common.metricsPort, registry::scrape, () -> StatusPages.validator(metrics)) : null) {
                validator.runUntil(shutdown.flag());
            }
        } finally {
            shutdown.closed();
        }
        return 0;
    }

    /**
     * The validators' commitment key from {@code COMMITMENT_PRIVATE_KEY} (the environment or .env):
     * null when unset or empty (the validator then says at start what it will miss); a value that
     * is not 32 bytes of hex stops start-up with one line naming the variable, never its value.
     */
    static byte[] commitmentKey(Map<String, String> env) {
        String hex = env.get(CommitmentKeys.PRIVATE_KEY_ENV);
        if (hex == null || hex.isBlank()) return null;
        return CommitmentKeys.parseKey(hex, CommitmentKeys.PRIVATE_KEY_ENV);
    }

    static boolean nearest(String similarity) {
        return switch (similarity.strip().toLowerCase(Locale.ROOT)) {
            case "mean" -> false;
            case "nearest" -> true;
            default -> throw new IllegalArgumentException("--validator.tag_similarity must be mean or nearest, got '" + similarity + "'");
        };
    }

    static Duration seconds(String flag, double s) {
        if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException(flag + " must be a positive number of seconds, got " + s);
        return Duration.ofMillis((long) (s * 1000));
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String flag, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", got '" + value + "'");
        }
    }

    /** {@code v} when it is at least 1, else one line naming {@code name} (0 would mean no timeout at all). */
    static int positive(int v, String name) {
        if (v < 1) throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        return v;
    }

    static int intEnv(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }

    /** {@code <NAME>} plus {@code <NAME minus _HOST>_PORT} as the original's env, e.g. CGP_API_READ_HOST / CGP_API_READ_PORT. */
    static HttpUrl url(Map<String, String> env, String hostVar, String fallback) {
        String host = env.getOrDefault(hostVar, fallback);
        String port = env.get(hostVar.replace("_HOST", "_PORT"));
        HttpUrl u = HttpUrl.parse(host);
        if (u == null) throw new IllegalArgumentException(hostVar + " must be an http(s) URL, got '" + host + "'");
        if (port != null && !port.isBlank()) {
            try {
                u = u.newBuilder().port(Integer.parseInt(port.strip())).build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(hostVar.replace("_HOST", "_PORT") + " must be a port number, got '" + port + "'");
            }
        }
        return u;
    }

    /** CGP_API_KEY, else {@code api_key} in readyai_api_data.json in the working directory, else none. */
    static String apiKey(Map<String, String> env) {
        String k = env.get("CGP_API_KEY");
        if (k != null && !k.isBlank()) return k.strip();
        Path file = Path.of("readyai_api_data.json");
        if (!Files.isRegularFile(file)) {
            org.slf4j.LoggerFactory.getLogger(ValidatorCommand.class).warn(
                    "No CGP API key (CGP_API_KEY or readyai_api_data.json); reserving without one");
            return null;
        }
        try {
            JsonNode n = WireJson.mapper().readTree(Files.readString(file));
            return n.path("api_key").asText(null);
        } catch (IOException e) {
            throw new IllegalArgumentException("readyai_api_data.json is not valid JSON: " + e.getMessage());
        }
    }
}
