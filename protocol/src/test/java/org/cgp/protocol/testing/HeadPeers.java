package org.cgp.protocol.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live subnet's Python code as loopback peers ({@code shared/peers/cgp-head/} beside the
 * repository): {@code validator-peer} runs a live validator's forward against our miner,
 * {@code miner-peer} a live miner for our validator. Tests ask {@link #unavailable()} first and
 * skip with its message when the kit, python3 (with pydantic, numpy, jinja2, requests, dotenv) or
 * node/npm is missing.
 */
public final class HeadPeers {
    public static final String KIT = "shared/peers/cgp-head";
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed");
    private static volatile String unavailable;

    private HeadPeers() {}

    public static Optional<Path> kit() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(KIT);
            if (Files.isExecutable(candidate.resolve("validator-peer"))) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** Why the peers cannot run here, or null when they can. */
    public static synchronized String unavailable() {
        if (unavailable != null) return unavailable.isEmpty() ? null : unavailable;
        String why;
        if (kit().isEmpty()) {
            why = "../shared/peers/cgp-head not found beside the repository";
        } else if (run(List.of("python3", "-c", "import pydantic, numpy, jinja2, requests, dotenv"), Duration.ofSeconds(30)).exit() != 0) {
            why = "python3 with pydantic, numpy, jinja2, requests and python-dotenv is needed for the live Python peers";
        } else if (run(List.of("npm", "--version"), Duration.ofSeconds(30)).exit() != 0 || run(List.of("node", "--version"), Duration.ofSeconds(30)).exit() != 0) {
            why = "node and npm are needed for the live Python peers' sr25519 helper";
        } else {
            Result setup = run(List.of(kit().get().resolve("lib/node-setup.sh").toString()), Duration.ofMinutes(5));
            why = setup.exit() == 0 ? "" : "the peers' Node helper could not be installed: " + setup.lastLines(3);
        }
        unavailable = why;
        return why.isEmpty() ? null : why;
    }

    /** Runs {@code validator-peer --axon 127.0.0.1:port --axon-hotkey hotkey args...}. */
    public static Result validatorPeer(int port, String hotkey, List<String> args, Duration timeout) {
        List<String> cmd = new ArrayList<>(List.of(kit().orElseThrow().resolve("validator-peer").toString(),
                "--axon", "127.0.0.1:" + port, "--axon-hotkey", hotkey));
        cmd.addAll(args);
        return run(cmd, timeout);
    }

    /**
     * Starts {@code miner-peer --port P --hotkey-uri uri} (a live Python miner on bittensor 9.0.0's
     * axon) on a free loopback port and waits for its {@code ready} line.
     */
    public static MinerPeer minerPeer(String hotkeyUri) throws IOException, InterruptedException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(kit().orElseThrow().resolve("miner-peer").toString(), "--port", String.valueOf(port),
                "--hotkey-uri", hotkeyUri).redirectErrorStream(true).start();
        p.getOutputStream().close();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String hotkey = null;
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith("hotkey ")) hotkey = line.substring(7).strip();
            if (line.startsWith("ready ")) {
                Thread drain = new Thread(() -> { // keep reading so the peer never blocks on a full pipe
                    try { while (out.readLine() != null) { } } catch (IOException ignored) { }
                }, "miner-peer-" + port);
                drain.setDaemon(true);
                drain.start();
                return new MinerPeer(p, port, hotkey);
            }
        }
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IOException("miner-peer did not become ready: " + seen);
    }

    /** A running miner peer; closing it stops the process. */
    public record MinerPeer(Process process, int port, String hotkey) implements AutoCloseable {
        @Override public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Every bundle of one type in the kit's {@code inputs/<type>/}, in file order. */
    public static List<Path> inputs(String type) throws IOException {
        try (var files = Files.list(kit().orElseThrow().resolve("inputs").resolve(type))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** A finished process: exit code (-1 when it timed out) and its stdout and stderr together. */
    public record Result(int exit, String output) {
        /** The {@code N passed, M failed} line's numbers, or null when there is none. */
        public int[] summary() {
            Matcher m = SUMMARY.matcher(output);
            int[] last = null;
            while (m.find()) last = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            return last;
        }

        public String lastLines(int n) {
            String[] lines = output.strip().split("\n");
            return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - n), lines.length));
        }
    }

    public static Result run(List<String> command, Duration timeout) {
        try {
            Path out = Files.createTempFile("cgp-peer", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                p.getOutputStream().close();
                boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                return new Result(done ? p.exitValue() : -1, text);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(127, command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
