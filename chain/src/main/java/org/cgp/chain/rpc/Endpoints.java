package org.cgp.chain.rpc;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves {@code --subtensor.network} / {@code --subtensor.chain_endpoint} to a WebSocket URL, as
 * the Python SDK does: an explicit endpoint wins; otherwise a known network name; a network value
 * that is itself a ws:// or wss:// URL is used as is.
 */
public final class Endpoints {
    public static final String FINNEY = "wss://entrypoint-finney.opentensor.ai:443";
    public static final String TEST = "wss://test.finney.opentensor.ai:443";
    public static final String ARCHIVE = "wss://archive.chain.opentensor.ai:443";
    public static final String LOCAL = "ws://127.0.0.1:9944";

    private static final Map<String, String> NETWORKS = Map.of(
            "finney", FINNEY, "test", TEST, "archive", ARCHIVE, "local", LOCAL);

    private Endpoints() {}

    /**
     * @param network       finney, test, archive, local, or a ws(s):// URL; null or blank means finney
     * @param chainEndpoint an explicit ws(s):// URL, or null/blank
     */
    public static String resolve(String network, String chainEndpoint) {
        if (chainEndpoint != null && !chainEndpoint.isBlank()) return requireWebSocketUrl(chainEndpoint.trim(), "--subtensor.chain_endpoint");
        if (network == null || network.isBlank()) return FINNEY;
        String n = network.trim();
        String known = NETWORKS.get(n.toLowerCase(Locale.ROOT));
        if (known != null) return known;
        if (n.contains("://")) return requireWebSocketUrl(n, "--subtensor.network");
        throw new IllegalArgumentException("unknown --subtensor.network '" + n + "': use finney, test, archive, local, or a ws:// or wss:// URL");
    }

    /**
     * The network the flags reach, by the one rule every caller uses: {@code finney}, {@code test},
     * {@code archive} or {@code local} (the name in any case, or its URL), else the endpoint URL itself.
     */
    public static String networkName(String network, String chainEndpoint) {
        return nameOf(resolve(network, chainEndpoint));
    }

    /** The subnet a network's CGP lives on when no --netuid is given: 33 on mainnet (finney, archive), 138 on test, 1 on local. */
    public static int defaultNetuid(String networkName) {
        return switch (networkName) {
            case "finney", "archive" -> 33;
            case "test" -> 138;
            case "local" -> 1;
            default -> throw new IllegalArgumentException("--netuid is required with the custom endpoint " + networkName
                    + " (33 on finney, 138 on test)");
        };
    }

    /** The network name for a URL when it is a known one ({@code finney}, {@code test}, ...), else the URL. */
    public static String nameOf(String url) {
        for (Map.Entry<String, String> e : NETWORKS.entrySet()) if (e.getValue().equals(url)) return e.getKey();
        return url;
    }

    private static String requireWebSocketUrl(String url, String flag) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " '" + url + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException(flag + " '" + url + "' must start with ws:// or wss://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) throw new IllegalArgumentException(flag + " '" + url + "' has no host");
        return url;
    }
}
