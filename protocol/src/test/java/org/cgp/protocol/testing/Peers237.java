package org.cgp.protocol.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The live subnet's Python code at CGP 2.37.74 as loopback peers ({@code shared/peers/cgp-2.37/}
 * beside the repository): {@code validator-peer} finds our miner only through its sealed
 * commitment, {@code miner-peer} is a live miner that prints its commitment, {@code commitment}
 * and {@code weights} run the live functions. Tests ask {@link #unavailable()} (or
 * {@link #cryptoUnavailable()} for the tools that need no Node) and skip with its message.
 */
public final class Peers237 {
    public static final String KIT = "shared/peers/cgp-2.37";
    /** The kit's own test keypair (its README; used nowhere else). */
    public static final String KIT_PUBLIC_KEY = "4ad9d56153686fab8032d8505389c9685001c03b71f83644870fe25babc0b934";
    public static final String KIT_PRIVATE_KEY = "ad2baeda0a27351bb5b7dae024a2825ae41afa505aa35887bd2e45e4d955f5ff";
    private static volatile String unavailable;
    private static volatile String cryptoUnavailable;

    private Peers237() {}

    public static Optional<Path> kit() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(KIT);
            if (Files.isExecutable(candidate.resolve("commitment"))) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** Why the kit's commitment and weights tools (python3, numpy, PyNaCl) cannot run here, or null when they can. */
    public static synchronized String cryptoUnavailable() {
        if (cryptoUnavailable != null) return cryptoUnavailable.isEmpty() ? null : cryptoUnavailable;
        String why;
        if (kit().isEmpty()) {
            why = "../shared/peers/cgp-2.37 not found beside the repository";
        } else if (PeerProcesses.run(List.of("python3", "-c", "import pydantic, numpy, jinja2, requests, dotenv"), Duration.ofSeconds(30)).exit() != 0) {
            why = "python3 with pydantic, numpy, jinja2, requests and python-dotenv is needed for the live Python peers";
        } else {
            PeerProcesses.Result nacl = PeerProcesses.run(List.of(kit().get().resolve("lib/nacl-setup.sh").toString()), Duration.ofMinutes(5));
            why = nacl.exit() == 0 ? "" : "PyNaCl is needed for the live 2.37 peers (apt-get install python3-nacl): " + nacl.lastLines(2);
        }
        cryptoUnavailable = why;
        return why.isEmpty() ? null : why;
    }

    /** Why the peers (the above, and node/npm for the sr25519 helper) cannot run here, or null when they can. */
    public static synchronized String unavailable() {
        if (unavailable != null) return unavailable.isEmpty() ? null : unavailable;
        String why = cryptoUnavailable();
        if (why == null) {
            if (PeerProcesses.run(List.of("npm", "--version"), Duration.ofSeconds(30)).exit() != 0
                    || PeerProcesses.run(List.of("node", "--version"), Duration.ofSeconds(30)).exit() != 0) {
                why = "node and npm are needed for the live Python peers' sr25519 helper";
            } else {
                PeerProcesses.Result setup = PeerProcesses.run(List.of(kit().get().resolve("lib/node-setup.sh").toString()), Duration.ofMinutes(5));
                why = setup.exit() == 0 ? null : "the peers' Node helper could not be installed: " + setup.lastLines(3);
            }
        }
        unavailable = why == null ? "" : why;
        return why;
    }

    /** Runs one of the kit's tools ({@code commitment}, {@code weights}, {@code validator-peer}) with these arguments. */
    public static PeerProcesses.Result tool(String name, List<String> args, Duration timeout) {
        List<String> cmd = new ArrayList<>(List.of(kit().orElseThrow().resolve(name).toString()));
        cmd.addAll(args);
        return PeerProcesses.run(cmd, timeout);
    }

    /** Every bundle of one type in the kit's {@code inputs/<type>/}, in file order. */
    public static List<Path> inputs(String type) throws IOException {
        try (var files = Files.list(kit().orElseThrow().resolve("inputs").resolve(type))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The kit's directory of a library file (to drive the live functions in one python3 process). */
    public static Path lib(String file) { return kit().orElseThrow().resolve("lib").resolve(file); }

    /**
     * Starts {@code miner-peer --port P --hotkey-uri uri --commitment-pubkey pubkey} (a live CGP 2.37
     * miner on bittensor 10.2's axon) on a free loopback port and waits for its {@code ready} line;
     * it prints the commitment a live miner would publish, sealed to {@code pubkey}.
     */
    public static MinerPeer minerPeer(String hotkeyUri, String pubkeyHex) throws IOException, InterruptedException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("cgp-miner-peer", ".jsonl");
        Process p = new ProcessBuilder(kit().orElseThrow().resolve("miner-peer").toString(), "--port", String.valueOf(port),
                "--hotkey-uri", hotkeyUri, "--commitment-pubkey", pubkeyHex, "--log", log.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String hotkey = null;
        String commitment = null;
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith("hotkey ")) hotkey = line.substring(7).strip();
            if (line.startsWith("commitment ")) commitment = line.substring(11).strip();
            if (line.startsWith("ready ")) {
                Thread drain = new Thread(() -> { // keep reading so the peer never blocks on a full pipe
                    try { while (out.readLine() != null) { } } catch (IOException ignored) { }
                }, "miner-peer-" + port);
                drain.setDaemon(true);
                drain.start();
                return new MinerPeer(p, port, hotkey, commitment, log);
            }
        }
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IOException("miner-peer did not become ready: " + seen);
    }

    /** A running 2.37 miner peer: its port, hotkey, the commitment it printed and its request log; closing it stops the process. */
    public record MinerPeer(Process process, int port, String hotkey, String commitment, Path log) implements AutoCloseable {
        /** The requests it has served so far, one JSON line each. */
        public List<String> requests() throws IOException { return Files.readAllLines(log); }

        @Override public void close() throws InterruptedException, IOException {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }
}
