package org.cgp.validator.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A validator step against real hostile HTTP servers on loopback beside an honest miner, the
 * validator in its own JVM with the launcher's flags ({@code ./cgp jvm-options validator}: a 288
 * MiB heap, 64 MiB of direct memory, exit on OutOfMemoryError): a gzip bomb, 12 MiB of tiny
 * objects, 100,000 nested arrays, a 10 MB tag list, garbage and a slow drip. The step completes, the
 * honest miner is scored, each hostile one scores 0 with its reason, and the JVM never runs out of
 * memory.
 */
class HostileMinersTest {
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach void stop() { servers.forEach(s -> s.stop(0)); }

    private int serve(int status, Map<String, String> headers, byte[] body, long dripMillis) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(status, dripMillis > 0 ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (dripMillis > 0) {
                    for (byte b : body) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(dripMillis);
                    }
                } else {
                    out.write(body);
                }
            } catch (Exception ignored) {
                // the validator hung up
            }
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private static byte[] objects(int megabytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(megabytes << 20);
        out.writeBytes("{\"cgp_output\":[{\"tags\":[\"a\"]}],\"x\":[".getBytes(StandardCharsets.US_ASCII));
        while (out.size() < (megabytes << 20)) out.writeBytes("{},".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("{}]}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void theStepCompletesWithinTheLauncherHeapAndOnlyTheHostileMinersScoreZero() throws Exception {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        Map<String, String> gz = Map.of("Content-Type", "application/json", "Content-Encoding", "gzip");
        StringBuilder tags = new StringBuilder("{\"cgp_output\":[{\"tags\":[");
        while (tags.length() < 10_000_000) tags.append("\"sailing boats\",");
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("gzip bomb", serve(200, gz, gzip(objects(12)), 0));
        ports.put("12 MiB of objects", serve(200, json, objects(12), 0));
        ports.put("100,000-deep arrays", serve(200, json, ("{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.US_ASCII), 0));
        ports.put("10 MB tag list", serve(200, json, tags.append("\"end\"]}]}").toString().getBytes(StandardCharsets.US_ASCII), 0));
        ports.put("garbage", serve(200, json, new byte[] {0, 1, 2, '{', 'n', 'o', (byte) 0xff}, 0));
        ports.put("slow drip", serve(200, json, "{\"cgp_output\":[{\"tags\":[\"a\",\"b\",\"c\"]}]}".getBytes(StandardCharsets.US_ASCII), 500));

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx288m", "-Xss512k", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m",
                "-XX:MaxDirectMemorySize=64m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                HostileStepMain.class.getName()));
        ports.values().forEach(p -> cmd.add(String.valueOf(p)));
        Path log = Files.createTempFile("cgp-hostile", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(3, TimeUnit.MINUTES);
        if (!done) p.destroyForcibly();
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(out).as(out).doesNotContain("OutOfMemoryError");
        assertThat(done && p.exitValue() == 0).as("the validator's JVM finished the step:\n%s", out).isTrue();
        assertThat(out).contains("DONE");

        Map<Integer, String[]> results = new HashMap<>();
        out.lines().filter(l -> l.startsWith("RESULT ")).forEach(l -> {
            String[] f = l.split(" ", 5);
            results.put(Integer.parseInt(f[1]), f);
        });
        assertThat(results).as(out).hasSize(1 + ports.size());
        assertThat(results.get(1)[2]).as("the honest miner answers").isEqualTo("200");
        assertThat(Double.parseDouble(results.get(1)[3])).as("and is scored").isPositive();
        int uid = 2;
        for (String hostile : ports.keySet()) {
            String[] r = results.get(uid++);
            assertThat(Double.parseDouble(r[3])).as("%s scores 0", hostile).isZero();
            assertThat(r[2]).as("%s: status with its reason (%s)", hostile, r.length > 4 ? r[4] : "").isIn("422", "408");
        }
        long rss = out.lines().filter(l -> l.startsWith("PEAK_RSS_KIB ")).mapToLong(l -> Long.parseLong(l.substring(13))).findFirst().orElse(-1);
        System.out.printf("hostile step: peak RSS of the validator's JVM %d MiB%n", rss / 1024);
    }
}
