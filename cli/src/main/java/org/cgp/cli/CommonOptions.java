package org.cgp.cli;

import java.nio.file.Path;
import org.cgp.chain.rpc.Endpoints;
import picocli.CommandLine.Option;

/** Flags both daemons share with the Python neurons: netuid, subtensor, wallet, logging, LLM. */
public final class CommonOptions {
    @Option(names = "--netuid", description = "Subnet uid (default: 33 on finney, 138 on test, 1 on local)")
    Integer netuid;

    @Option(names = "--subtensor.network", defaultValue = "finney", description = "finney | test | local | a ws:// or wss:// URL (default: ${DEFAULT-VALUE})")
    String network;

    @Option(names = "--subtensor.chain_endpoint", description = "Explicit ws:// or wss:// endpoint (overrides --subtensor.network)")
    String chainEndpoint;

    @Option(names = "--wallet.name", defaultValue = "${env:BT_WALLET_NAME:-default}", description = "Wallet (coldkey) name (default: ${DEFAULT-VALUE})")
    String walletName;

    @Option(names = "--wallet.hotkey", defaultValue = "${env:BT_WALLET_HOTKEY:-default}", description = "Hotkey name (default: ${DEFAULT-VALUE})")
    String walletHotkey;

    @Option(names = "--wallet.path", description = "Wallets folder (default: $BT_WALLET_PATH or ~/.bittensor/wallets)")
    Path walletPath;

    @Option(names = "--wallet.uri", description = "Use a secret URI (e.g. //Bob) instead of a wallet file: development only")
    String walletUri;

    @Option(names = "--offline", description = "No chain: an empty offline metagraph (development)")
    boolean offline;

    @Option(names = "--llm.type", description = "offline | openai | anthropic | ollama | openai-compatible (default: $LLM_TYPE, else openai when OPENAI_API_KEY is set, else offline)")
    String llmType;

    @Option(names = "--llm.embeddings", description = "minilm | openai (default: $LLM_EMBEDDINGS or minilm)")
    String llmEmbeddings;

    @Option(names = "--logging.debug", description = "Log every tag and score")
    boolean debug;

    @Option(names = "--logging.trace", description = "Log everything")
    boolean trace;

    @Option(names = "--metrics.port", defaultValue = "0", description = "Serve /metrics (Prometheus) and a status page on this port; 0 = off (default)")
    int metricsPort;

    @Option(names = "--metrics.host", defaultValue = "127.0.0.1",
            description = "Address the metrics and status page bind to; 0.0.0.0 exposes them to the network (default: ${DEFAULT-VALUE})")
    String metricsHost;

    @Option(names = "--logging.logging_dir", description = "Root of state folders (default: ~/.bittensor/miners)")
    Path loggingDir;

    /** {@code --metrics.port}, checked: 0 (off) or a port; anything else stops start-up naming the flag. */
    int metricsPort() {
        if (metricsPort < 0 || metricsPort > 65535) throw new IllegalArgumentException("--metrics.port must be 0 (off) or 1-65535, got " + metricsPort);
        return metricsPort;
    }

    /** The netuid the flags give, or the network's default. */
    int netuid() {
        if (netuid != null) {
            if (netuid < 0 || netuid > 65535) throw new IllegalArgumentException("--netuid must be 0-65535, got " + netuid);
            return netuid;
        }
        return Endpoints.defaultNetuid(networkName());
    }

    /** The network these flags reach (one rule, case-insensitive: {@link Endpoints#networkName}). */
    String networkName() { return Endpoints.networkName(network, chainEndpoint); }

    /** ~/.bittensor/miners/<wallet>/<hotkey>/netuid<N>/<role> as the Python neurons use. */
    Path fullPath(String role) {
        Path root = loggingDir != null ? loggingDir : Path.of(System.getProperty("user.home"), ".bittensor", "miners");
        return root.resolve(walletName).resolve(walletHotkey).resolve("netuid" + netuid()).resolve(role);
    }
}
