package org.cgp.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.cgp.chain.Chain;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.TagCleaner;
import org.cgp.llm.LlmProviders;
import org.cgp.llm.MeteredLlmClient;
import org.cgp.miner.Miner;
import org.cgp.miner.MinerConfig;
import org.cgp.protocol.commitment.CommitmentKeys;
import org.cgp.protocol.keys.Keypair;
import org.cgp.cli.status.StatusPages;
import org.cgp.cli.status.StatusServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cgp miner}: the miner daemon, with the Python neuron's flags. */
@Command(name = "miner", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = true, description = "Serve the CGP miner axon.")
public final class MinerCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--axon.port", description = "Port to listen on (default: " + MinerConfig.DEFAULT_PORT + ")")
    Integer port;

    @Option(names = "--axon.ip", description = "Address to bind (default: " + MinerConfig.DEFAULT_HOST + ")")
    String ip;

    @Option(names = "--axon.external_ip", description = "IP announced on chain (default: the bind address)")
    String externalIp;

    @Option(names = "--axon.external_port", description = "Port announced on chain (default: --axon.port)")
    Integer externalPort;

    @Option(names = "--axon.max_body_bytes", description = "Largest request body (default: " + MinerConfig.DEFAULT_MAX_BODY_BYTES + ")")
    Integer maxBody;

    @Option(names = "--blacklist.allow_non_registered", description = "Accept signed callers that are not registered")
    boolean allowNonRegistered;

    @Option(names = "--blacklist.force_validator_permit", negatable = true,
            description = "Only callers with a validator permit (default: on, except offline and on a local chain)")
    Boolean forceValidatorPermit;

    @Option(names = "--blacklist.min_stake", defaultValue = "0", description = "Minimum caller stake in TAO (default: ${DEFAULT-VALUE})")
    double minStake;

    @Option(names = "--miner.max_lines", description = "Most lines accepted in one window (default: " + MinerConfig.DEFAULT_MAX_LINES + ")")
    Integer maxLines;

    @Option(names = "--miner.max_line_chars", description = "Longest line, page, comment or transcript accepted (default: " + MinerConfig.DEFAULT_MAX_LINE_CHARS + ")")
    Integer maxLineChars;

    @Option(names = "--miner.max_concurrent_forwards",
            description = "Tasks mined at once (default: one per core with the offline tagger, " + MinerConfig.DEFAULT_REMOTE_FORWARDS + " with a remote LLM)")
    Integer maxForwards;

    @Option(names = "--miner.max_queued_forwards",
            description = "Requests that may wait for a free forward; beyond it the lowest-stake caller gets 503 (default: " + MinerConfig.DEFAULT_MAX_QUEUED_FORWARDS + ")")
    Integer maxQueued;

    @Option(names = "--miner.max_tags", description = "Most tags returned per task (default: " + TagCleaner.MAX_TAGS + ")")
    Integer maxTags;

    @Option(names = "--miner.embeddings", negatable = true, defaultValue = "false",
            description = "Attach tag vectors to task answers; live validators re-embed, so off by default (seed-packet answers always carry them)")
    boolean embeddings;

    @Option(names = "--offline.metagraph", description = "JSON list of neurons to use instead of a chain")
    Path offlineMetagraph;

    @Option(names = "--commitment.public_key", description = "The subnet's X25519 key the endpoint is sealed to (hex; overrides "
            + CommitmentKeys.PUBLIC_KEY_ENV + "; empty: no commitment; default: built in for netuid 33 and 138, none offline)")
    String commitmentKey;

    @Option(names = "--commitment.placeholder_axon", description = "IP:PORT the metagraph shows once the commitment is confirmed (default: "
            + MinerConfig.DEFAULT_PLACEHOLDER_IP + ":" + MinerConfig.DEFAULT_PLACEHOLDER_PORT + ", as the live miners)")
    String placeholderAxon;

    @Option(names = "--commitment.keep_real_axon", description = "Keep the real address in the metagraph beside the commitment (validators without the key can reach it; the address is public)")
    boolean keepRealAxon;

    /**
     * The key the endpoint is sealed to: the flag, else {@code COMMITMENT_PUBLIC_KEY} (set but empty:
     * none), else on a real chain the built-in key of 33 and 138; offline, only an explicit key.
     */
    static byte[] commitmentKey(String flag, java.util.Map<String, String> env, int netuid, boolean onChain) {
        if (flag != null) return CommitmentKeys.minerPublicKey(netuid, flag, "--commitment.public_key").orElse(null);
        String fromEnv = env.get(CommitmentKeys.PUBLIC_KEY_ENV);
        if (fromEnv == null && !onChain) return null;
        return CommitmentKeys.minerPublicKey(netuid, fromEnv, CommitmentKeys.PUBLIC_KEY_ENV).orElse(null);
    }

    static boolean isPublishableIpv4(String ip) {
        if (ip == null || !ip.matches("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})")) return false;
        for (String part : ip.split("\\.")) if (Integer.parseInt(part) > 255) return false;
        return !ip.equals("0.0.0.0");
    }

    @Override public Integer call() throws Exception {
        Logging.configure(common.debug, common.trace);
        common.metricsPort(); // checked before anything starts
        boolean permit = forceValidatorPermit != null ? forceValidatorPermit
                : !common.offline && !common.networkName().equals("local"); // on unless a local chain: any real network, any custom endpoint
        boolean onChain = !common.offline && offlineMetagraph == null;
        LlmConfig llm = Llm.config(common);
        MinerConfig.Builder b = MinerConfig.builder(common.netuid()).externalPort(externalPort)
                .allowNonRegistered(allowNonRegistered).forceValidatorPermit(permit).minStake(minStake).embeddings(embeddings)
                .maxConcurrentForwards(MinerConfig.defaultForwards(llm.type()));
        if (ip != null) b.axonHost(ip);
        if (port != null) b.axonPort(port);
        if (maxBody != null) b.maxBodyBytes(maxBody);
        if (maxLines != null) b.maxLines(maxLines);
        if (maxLineChars != null) b.maxLineChars(maxLineChars);
        if (maxForwards != null) b.maxConcurrentForwards(maxForwards);
        if (maxQueued != null) b.maxQueuedForwards(maxQueued);
        if (maxTags != null) b.maxTags(maxTags);
        String bindHost = b.build().axonHost();
        if (onChain && externalIp == null && (bindHost.equals("0.0.0.0") || bindHost.equals("::"))) {
            externalIp = PublicIp.detect(new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build(), PublicIp.SERVICES);
            System.out.println("Public IP detected (what validators are told; never logged)");
        }
        byte[] key = commitmentKey(commitmentKey, EnvFile.environment(Path.of(".env")), common.netuid(), onChain);
        b.commitmentKey(key).keepRealAxon(keepRealAxon);
        if (placeholderAxon != null) {
            int colon = placeholderAxon.lastIndexOf(':');
            if (colon <= 0 || !placeholderAxon.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("--commitment.placeholder_axon must be IP:PORT, got '" + placeholderAxon + "'");
            }
            b.placeholderAxon(placeholderAxon.substring(0, colon), Integer.parseInt(placeholderAxon.substring(colon + 1)));
        }
        MinerConfig config = b.externalIp(externalIp).build();
        String committedIp = externalIp != null ? externalIp : bindHost;
        if (key != null && !isPublishableIpv4(committedIp)) {
            throw new IllegalArgumentException("--axon.external_ip must be an IPv4 address other than 0.0.0.0 for the endpoint commitment "
                    + "(the chain's field holds about 25 characters of address; IPv6 rarely fits)");
        }
        Keypair hotkey = Hotkeys.resolve(common);
        System.out.println("Miner hotkey: " + hotkey.ss58Address());
        GracefulShutdown shutdown = GracefulShutdown.install("miner", Duration.ofSeconds(20));
        PrometheusMeterRegistry registry = Meters.prometheus();
        try (Chain chain = Chains.open(common, offlineMetagraph);
             Miner miner = Miner.start(config, hotkey, chain, MeteredLlmClient.wrap(LlmProviders.chat(llm), registry),
                     LlmProviders.embedder(llm), registry);
             StatusServer status = common.metricsPort() > 0
                     ? StatusServer.start(common.metricsHost, common.metricsPort, registry::scrape, () -> StatusPages.miner(miner.metrics())) : null) {
            shutdown.awaitStop();
        } finally {
            shutdown.closed();
        }
        return 0;
    }
}
