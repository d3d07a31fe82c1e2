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
            description = "Only callers with a validator permit (default: on for finney and test)")
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

    @Override public Integer call() throws Exception {
        Logging.configure(common.debug, common.trace);
        boolean permit = forceValidatorPermit != null ? forceValidatorPermit
                : (common.network.equals("finney") || common.network.equals("test")) && !common.offline;
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
            System.out.println("Public IP (announced on chain): " + externalIp);
        }
        MinerConfig config = b.externalIp(externalIp).build();
        Keypair hotkey = Hotkeys.resolve(common);
        System.out.println("Miner hotkey: " + hotkey.ss58Address());
        GracefulShutdown shutdown = GracefulShutdown.install("miner", Duration.ofSeconds(20));
        PrometheusMeterRegistry registry = Meters.prometheus();
        try (Chain chain = Chains.open(common, offlineMetagraph);
             Miner miner = Miner.start(config, hotkey, chain, MeteredLlmClient.wrap(LlmProviders.chat(llm), registry),
                     LlmProviders.embedder(llm), registry);
             StatusServer status = common.metricsPort > 0
                     ? StatusServer.start(common.metricsHost, common.metricsPort, registry::scrape, () -> StatusPages.miner(miner.metrics())) : null) {
            shutdown.awaitStop();
        } finally {
            shutdown.closed();
        }
        return 0;
    }
}
