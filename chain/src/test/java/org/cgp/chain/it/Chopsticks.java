package org.cgp.chain.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One chopsticks process running the real subtensor runtime (spec 218) from
 * {@code <repo>/../shared/chain/raonet218.json}, on a free loopback port, in instant block mode.
 * Started directly with {@code node chopsticks.cjs} so that its single PID can be stopped.
 */
public final class Chopsticks implements AutoCloseable {
    public static final String HOW_TO_RUN = "run .ci/install-tools.sh (npm installs chopsticks 1.5.1 into .tools/) and keep "
            + "../shared/chain/{raonet218.json,import218.yml} beside the project; then re-run: "
            + "mvn -B -pl chain -am test -Dtest='org.cgp.chain.**' -Dsurefire.failIfNoSpecifiedTests=false";

    private final Process process;
    private final int port;
    private final Path log;

    private Chopsticks(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public String wsUrl() { return "ws://127.0.0.1:" + port; }

    public String httpUrl() { return "http://127.0.0.1:" + port; }

    public long pid() { return process.pid(); }

    /** What is missing to run the runtime, or empty when everything is there. */
    public static Optional<String> missing(Layout layout) {
        if (!Files.isRegularFile(layout.spec())) return Optional.of("chain spec " + layout.spec() + " is absent");
        if (!Files.isRegularFile(layout.importFile())) return Optional.of("chopsticks config " + layout.importFile() + " is absent");
        if (!Files.isRegularFile(layout.chopsticksCjs())) return Optional.of("chopsticks is not installed at " + layout.chopsticksCjs());
        if (layout.node().isEmpty()) return Optional.of("node is not on the PATH");
        return Optional.empty();
    }

    /** Where the pieces are: repo root found by walking up to the directory holding .ci/ or the parent pom. */
    public record Layout(Path root, Path spec, Path importFile, Path chopsticksCjs, Optional<Path> node) {
        public static Layout detect() {
            Path dir = Path.of("").toAbsolutePath();
            Path root = dir;
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve(".ci")) || (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("chain")))) {
                    root = p;
                    break;
                }
            }
            Path shared = Optional.ofNullable(System.getProperty("cgp.shared")).or(() -> Optional.ofNullable(System.getenv("CGP_SHARED")))
                    .map(Path::of).orElse(root.resolve("../shared").normalize());
            Path tools = Optional.ofNullable(System.getenv("CGP_TOOLS")).map(Path::of).orElse(root.resolve(".tools"));
            Path cjs = tools.resolve("chopsticks/node_modules/@acala-network/chopsticks/chopsticks.cjs");
            return new Layout(root, shared.resolve("chain/raonet218.json"), shared.resolve("chain/import218.yml"), cjs, findNode());
        }

        private static Optional<Path> findNode() {
            String path = System.getenv("PATH");
            if (path == null) return Optional.empty();
            for (String d : path.split(java.io.File.pathSeparator)) {
                Path n = Path.of(d, "node");
                if (Files.isExecutable(n)) return Optional.of(n);
            }
            return Optional.empty();
        }
    }

    public static Chopsticks start(Layout layout, Path logFile) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = List.of(layout.node().orElseThrow().toString(), layout.chopsticksCjs().toString(),
                "--chain-spec=" + layout.spec(), "-s", layout.importFile().toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--build-block-mode", "Instant",
                "--timestamp", Long.toString(System.currentTimeMillis()));
        return launch(cmd, port, logFile);
    }

    /** The spec-293 runtime ({@code local293.json}): a copy of the spec (chopsticks refuses a link), the Aura preload, unresolved BLS imports allowed. */
    public static Optional<String> missing293(Layout layout) {
        Path shared = layout.spec().getParent();
        if (!Files.isRegularFile(shared.resolve("local293.json"))) return Optional.of("chain spec " + shared.resolve("local293.json") + " is absent");
        if (!Files.isRegularFile(shared.resolve("aura-slot-preload.cjs"))) return Optional.of("the Aura preload is absent");
        if (!Files.isRegularFile(layout.chopsticksCjs())) return Optional.of("chopsticks is not installed at " + layout.chopsticksCjs());
        if (layout.node().isEmpty()) return Optional.of("node is not on the PATH");
        return Optional.empty();
    }

    public static Chopsticks start293(Layout layout, Path logFile) throws IOException, InterruptedException {
        Path shared = layout.spec().getParent();
        Files.createDirectories(logFile.getParent());
        Path spec = logFile.getParent().resolve("local293-" + ProcessHandle.current().pid() + ".json");
        Files.copy(shared.resolve("local293.json"), spec, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int port = freePort();
        List<String> cmd = List.of(layout.node().orElseThrow().toString(), "-r", shared.resolve("aura-slot-preload.cjs").toString(),
                layout.chopsticksCjs().toString(), "--chain-spec=" + spec, "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--build-block-mode", "Instant", "--allow-unresolved-imports", "--timestamp", Long.toString(System.currentTimeMillis()));
        return launch(cmd, port, logFile);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Chopsticks launch(List<String> cmd, int port, Path logFile) throws IOException, InterruptedException {
        Files.createDirectories(logFile.getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        Chopsticks c = new Chopsticks(p, port, logFile);
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "chopsticks-stop")); // if the JVM ends without the store closing
        try {
            c.awaitHealthy(Duration.ofSeconds(60));
            c.unstickFirstBlock();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void awaitHealthy(Duration max) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(httpUrl())).timeout(Duration.ofSeconds(5))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system_health\",\"params\":[]}")).build();
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("chopsticks exited with " + process.exitValue() + " before answering; log: " + tail());
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"result\"")) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IOException("chopsticks did not answer system_health within " + max.toSeconds() + " s; log: " + tail());
    }

    /**
     * chopsticks builds block #1 before it applies --timestamp; when that lands on a slot boundary
     * the block fails, the head stays at #0 and every signed transaction is refused (badProof). One
     * dev_newBlock then gives a good block #1.
     */
    private void unstickFirstBlock() throws IOException, InterruptedException {
        String header = rpc("chain_getHeader", "[]");
        if (header.contains("\"number\":\"0x0\"")) {
            rpc("dev_newBlock", "[{\"count\":1}]");
        }
    }

    private String rpc(String method, String params) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(httpUrl())).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}")).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
