package org.cgp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.TerminalInfo;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.task.TaskEnvelope;
import org.cgp.protocol.task.Tasks;
import org.cgp.protocol.wire.BodyHash;
import org.cgp.protocol.wire.BtHeaders;
import org.cgp.protocol.wire.ProtocolVersion;
import org.cgp.protocol.wire.PyStr;
import org.cgp.protocol.wire.SignedMessages;
import org.cgp.protocol.wire.SynapseWireSpec;

/**
 * A load generator for any Bittensor axon serving {@code CgSynapse}: it signs every request in
 * advance (a conversation task packet as the live validators send it, headers and body as the
 * Python dendrite writes them), then replays each exactly once over plain HTTP/1.1 keep-alive
 * connections, so the server pays for verification and the generator pays nothing but I/O.
 *
 * <p>Per phase (one per connection count): a warm-up, then a measured run; it prints requests
 * per second, p50 and p99 latency, the answers that were not 200, and the server's resident set
 * ({@code VmRSS}, and {@code VmHWM}, the peak since it started) read from {@code /proc/PID/status}.
 * Each connection has its own dendrite uuid and sends its nonces in increasing order, each within
 * about a second of the clock when it is sent (requests are signed second by second of the run).
 *
 * <pre>
 * AxonLoad --url http://127.0.0.1:8091/CgSynapse --hotkey SS58 [--pid PID] [--label NAME]
 *          [--connections 1,8,64] [--seconds 10] [--warmup 3] [--caller //Alice] [--conversations FILE]
 * </pre>
 * With {@code --conversations} (the facebook-chat-data shape) every request carries the next of the
 * file's ten-line windows, so a miner tags for real instead of answering from its caches.
 * <pre>
 * </pre>
 * Lines starting with {@code RESULT} are tab-separated for scripts: label, connections, req/s,
 * p50 ms, p99 ms, ok, not-ok, RSS MiB, peak RSS MiB, server CPU microseconds per request (user +
 * system time of the pid over the measured run, from {@code /proc/PID/stat}).
 */
public final class AxonLoad {
    /** The header timeout: the live validators' 12 s, so the freshness window is 16 s. */
    private static final double TIMEOUT_SECONDS = CgSynapse.DEFAULT_TIMEOUT_SECONDS;

    private final URI url;
    private final String axonHotkey;
    private final Keypair caller;
    /** Each window's body around the dendrite object (the only part that differs per request). */
    private final List<byte[][]> bodies = new ArrayList<>();
    /** The axon terminal every request names, and CgSynapse's body hash (it has no hash fields). */
    private final TerminalInfo axon;
    private final String bodyHash = BodyHash.of(WireJson.mapper().createObjectNode(), SynapseWireSpec.CG_SYNAPSE.hashFields());

    private AxonLoad(URI url, String axonHotkey, Keypair caller, List<List<Line>> windows) throws IOException {
        this.url = url;
        this.axonHotkey = axonHotkey;
        this.caller = caller;
        ObjectMapper json = WireJson.mapper();
        this.axon = TerminalInfo.builder().ip(url.getHost()).port(url.getPort()).hotkey(axonHotkey).build();
        for (List<Line> w : windows) {
            ObjectNode body = json.valueToTree(CgSynapse.request(Tasks.conversation(TaskEnvelope.HIDDEN, TaskEnvelope.HIDDEN,
                    -1, w, List.of(), List.of("general")), TIMEOUT_SECONDS));
            body.put("dendrite", "\u0000");
            body.set("axon", json.valueToTree(axon));
            String text = json.writeValueAsString(body);
            int at = text.indexOf("\"\\u0000\"");
            if (at < 0) throw new IllegalStateException("placeholder not found in the body");
            bodies.add(new byte[][] {text.substring(0, at).getBytes(StandardCharsets.UTF_8), text.substring(at + 8).getBytes(StandardCharsets.UTF_8)});
        }
    }

    /** One request, ready to write: the head (request line, headers, the body up to the dendrite), the dendrite JSON, the rest. */
    private record Signed(byte[] head, byte[] dendrite, byte[] tail) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args, "url", "hotkey", "pid", "label", "connections", "seconds", "warmup", "caller", "conversations");
        URI url = URI.create(Args.required(opts, "url"));
        String hotkey = Args.required(opts, "hotkey");
        long pid = Long.parseLong(opts.getOrDefault("pid", "0"));
        String label = opts.getOrDefault("label", url.getHost() + ":" + url.getPort());
        int[] connections = Arrays.stream(opts.getOrDefault("connections", "1,8,64").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "3"));
        List<List<Line>> windows = opts.containsKey("conversations") ? windows(Path.of(opts.get("conversations"))) : List.of(window());
        AxonLoad load = new AxonLoad(url, hotkey, Keypair.fromUri(opts.getOrDefault("caller", "//Alice")), windows);
        System.out.printf(Locale.ROOT, "AxonLoad %s: %s, %d cores, %d s per phase after %d s warm-up, request body %d bytes, %d distinct window%s%n",
                label, url, Runtime.getRuntime().availableProcessors(), seconds, warmup,
                load.bodies.get(0)[0].length + load.bodies.get(0)[1].length + 300, windows.size(), windows.size() == 1 ? "" : "s");
        for (int c : connections) {
            double rate = load.run(c, warmup, 2_000, null).rate();
            long cpuBefore = cpuTicks(pid);
            Phase p = load.run(c, seconds, rate, label);
            long cpuTicks = cpuTicks(pid) - cpuBefore;
            double cpuPerRequestUs = p.ok() + p.failed() == 0 || pid <= 0 ? 0 : cpuTicks * 10_000.0 / (p.ok() + p.failed());
            Rss rss = Rss.of(pid);
            System.out.printf(Locale.ROOT, "%s, %d connection%s: %.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d ok, %d not 200%s;"
                            + " server CPU %.0f us/request, RSS %s%n",
                    label, c, c == 1 ? "" : "s", p.rate(), p.p50Ms(), p.p99Ms(), p.ok(), p.failed(),
                    p.ranOut() ? " (signed requests ran out before the time was up)" : "", cpuPerRequestUs, rss);
            System.out.printf(Locale.ROOT, "RESULT\t%s\t%d\t%.0f\t%.2f\t%.2f\t%d\t%d\t%d\t%d\t%.0f%n",
                    label, c, p.rate(), p.p50Ms(), p.p99Ms(), p.ok(), p.failed(), rss.rssMiB(), rss.peakMiB(), cpuPerRequestUs);
        }
    }

    record Phase(double rate, double p50Ms, double p99Ms, long ok, long failed, boolean ranOut) {}

    /** Signs enough requests for {@code seconds} at 3 times {@code expectedRate} (at least 5,000 a second), then sends them. */
    private Phase run(int connections, int seconds, double expectedRate, String label) throws Exception {
        int total = (int) Math.min(4_000_000, (long) (Math.max(5_000, expectedRate * 3) * seconds) + connections * 20L * seconds);
        int perSecond = Math.max(1, total / connections / seconds);
        Signing signed = sign(connections, perSecond, seconds);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<long[]>> running = new ArrayList<>();
        AtomicLong failed = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean ranOut = new java.util.concurrent.atomic.AtomicBoolean();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        for (List<Signed> slice : signed.slices()) {
            running.add(pool.submit(() -> send(slice, perSecond, signed.first(), end, failed, ranOut)));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : running) all.add(f.get());
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        int n = 0;
        for (long[] a : all) n += (int) a[0];
        long[] lat = new long[n];
        int k = 0;
        for (long[] a : all) {
            System.arraycopy(a, 1, lat, k, (int) a[0]);
            k += (int) a[0];
        }
        Arrays.sort(lat);
        long ok = n - failed.get();
        return new Phase(n / (elapsed / 1e9), pct(lat, 0.50) / 1e6, pct(lat, 0.99) / 1e6, ok, failed.get(), ranOut.get() && label != null);
    }

    /** Each connection's signed requests, second by second ({@code perSecond} of each), and the wall time second 0 starts. */
    private record Signing(List<List<Signed>> slices, long first) {}

    /**
     * {@code connections} slices of signed requests, one uuid each. Slice j holds, for each second
     * b of the run, {@code perSecond} requests with nonces inside that second: {@code first + b s +
     * i / perSecond s}. A connection sends from the second the clock is in, so every nonce it sends
     * is within about a second of the axon's clock and larger than the one before. {@code first} is
     * when the signing is expected to end, estimated from a trial of 200 signatures.
     */
    private Signing sign(int connections, int perSecond, int seconds) throws Exception {
        long total = (long) connections * perSecond * seconds;
        long trialStart = System.nanoTime();
        for (int i = 0; i < 200; i++) signOne(wallNanos(), "trial", bodies.get(0));
        long perSignature = (System.nanoTime() - trialStart) / 200;
        long first = wallNanos() + total * perSignature / Math.max(1, Runtime.getRuntime().availableProcessors());
        long spacing = 1_000_000_000L / perSecond;
        String[] uuids = IntStream.range(0, connections).mapToObj(i -> UUID.randomUUID().toString()).toArray(String[]::new);
        List<List<Signed>> slices = new ArrayList<>();
        for (int j = 0; j < connections; j++) slices.add(new ArrayList<>(perSecond * seconds));
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> jobs = new ArrayList<>();
        for (int j = 0; j < connections; j++) {
            int slice = j;
            jobs.add(pool.submit(() -> {
                List<Signed> out = slices.get(slice);
                for (int b = 0; b < seconds; b++) {
                    for (int i = 0; i < perSecond; i++) {
                        long nonce = first + b * 1_000_000_000L + i * spacing;
                        out.add(signOne(nonce, uuids[slice], bodies.get((int) ((out.size() * (long) connections + slice) % bodies.size()))));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) f.get();
        pool.shutdown();
        return new Signing(slices, first);
    }

    private Signed signOne(long nonce, String uuid, byte[][] body) {
        byte[] bodyHead = body[0];
        byte[] bodyTail = body[1];
        String message = SignedMessages.request(nonce, caller.ss58Address(), axonHotkey, uuid, bodyHash);
        String signature = SignedMessages.toHex(caller.sign(message.getBytes(StandardCharsets.UTF_8)));
        TerminalInfo dendrite = TerminalInfo.builder().ip("127.0.0.1").version(ProtocolVersion.INT).nonce(nonce).uuid(uuid)
                .hotkey(caller.ss58Address()).signature(signature).build();
        byte[] dendriteJson;
        try {
            dendriteJson = WireJson.mapper().writeValueAsBytes(dendrite);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int length = bodyHead.length + dendriteJson.length + bodyTail.length;
        StringBuilder h = new StringBuilder(1200);
        h.append("POST ").append(url.getRawPath()).append(" HTTP/1.1\r\n");
        h.append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n");
        h.append("Content-Type: application/json\r\nContent-Length: ").append(length).append("\r\n");
        h.append(BtHeaders.NAME).append(": ").append(CgSynapse.NAME).append("\r\n");
        h.append(BtHeaders.TIMEOUT).append(": ").append(PyStr.floatRepr(TIMEOUT_SECONDS)).append("\r\n");
        BtHeaders.putTerminal((k, v) -> h.append(k).append(": ").append(v).append("\r\n"), BtHeaders.AXON_PREFIX, axon);
        BtHeaders.putTerminal((k, v) -> h.append(k).append(": ").append(v).append("\r\n"), BtHeaders.DENDRITE_PREFIX, dendrite);
        for (Map.Entry<String, String> field : SynapseWireSpec.CG_SYNAPSE.requiredFields().entrySet()) {
            h.append(BtHeaders.INPUT_OBJ_PREFIX).append(field.getKey()).append(": ")
                    .append(Base64.getEncoder().encodeToString(field.getValue().getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        h.append(BtHeaders.HEADER_SIZE).append(": 0\r\n");
        h.append(BtHeaders.TOTAL_SIZE).append(": ").append(length).append("\r\n");
        h.append(BtHeaders.COMPUTED_BODY_HASH).append(": ").append(bodyHash).append("\r\n\r\n");
        byte[] headers = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] head = Arrays.copyOf(headers, headers.length + bodyHead.length);
        System.arraycopy(bodyHead, 0, head, headers.length, bodyHead.length);
        return new Signed(head, dendriteJson, bodyTail);
    }

    /**
     * Sends a slice on one keep-alive connection until the time is up, always from the second the
     * clock is in (skipping what an earlier second did not use; waiting for the next second when
     * this one's requests are used up, which marks the phase as having run out); [count, latencies...].
     */
    private long[] send(List<Signed> slice, int perSecond, long first, long endNanos, AtomicLong failed,
                        java.util.concurrent.atomic.AtomicBoolean ranOut) throws IOException, InterruptedException {
        long[] lat = new long[slice.size() + 1];
        int n = 0;
        int next = 0;
        Connection conn = null;
        try {
            while (System.nanoTime() < endNanos) {
                int second = (int) Math.max(0, (wallNanos() - first) / 1_000_000_000L);
                if (second * perSecond >= slice.size()) break;
                next = Math.max(next, second * perSecond);
                if (next >= (second + 1) * perSecond) {
                    ranOut.set(true);
                    Thread.sleep(Math.max(1, ((second + 1) * 1_000_000_000L - (wallNanos() - first)) / 1_000_000));
                    continue;
                }
                Signed r = slice.get(next++);
                if (conn == null) conn = Connection.open(url.getHost(), url.getPort());
                long t0 = System.nanoTime();
                conn.out().write(r.head());
                conn.out().write(r.dendrite());
                conn.out().write(r.tail());
                conn.out().flush();
                Response answer = Response.read(conn.in());
                lat[++n] = System.nanoTime() - t0;
                if (answer.status() != 200 && failed.incrementAndGet() <= 3) {
                    System.out.println("  answer " + answer.status() + ": " + answer.reason());
                }
                if (answer.close()) {
                    conn.socket().close();
                    conn = null;
                }
            }
        } finally {
            if (conn != null) conn.socket().close();
        }
        lat[0] = n;
        return lat;
    }

    /** One keep-alive connection with buffered streams. */
    private record Connection(Socket socket, InputStream in, OutputStream out) {
        static Connection open(String host, int port) throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), 5_000);
            s.setSoTimeout(30_000);
            return new Connection(s, new BufferedInputStream(s.getInputStream(), 16_384),
                    new BufferedOutputStream(s.getOutputStream(), 16_384));
        }
    }

    /** The status line, whether the server closes, and the body read to its Content-Length. */
    record Response(int status, String reason, boolean close) {
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) throw new IOException("connection closed before an answer");
            String[] parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean close = false;
            String header;
            while ((header = line(in)) != null && !header.isEmpty()) {
                int colon = header.indexOf(':');
                if (colon < 0) continue;
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                if (name.equals("content-length")) length = Long.parseLong(value);
                if (name.equals("connection") && value.equalsIgnoreCase("close")) close = true;
                if (name.equals("transfer-encoding")) throw new IOException("chunked answers are not supported");
            }
            if (length < 0) throw new IOException("answer without Content-Length");
            long left = length;
            byte[] skip = new byte[8192];
            while (left > 0) {
                int r = in.read(skip, 0, (int) Math.min(skip.length, left));
                if (r < 0) throw new IOException("connection closed inside the body");
                left -= r;
            }
            return new Response(status, parts.length > 2 ? parts[2] : "", close);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder(64);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int len = b.length();
                    if (len > 0 && b.charAt(len - 1) == '\r') b.setLength(len - 1);
                    return b.toString();
                }
                b.append((char) c);
            }
            return b.length() == 0 ? null : b.toString();
        }
    }

    /** The server's resident set now and at its peak, from /proc (0 when no pid was given). */
    record Rss(long rssMiB, long peakMiB) {
        static Rss of(long pid) throws IOException {
            if (pid <= 0) return new Rss(0, 0);
            long rss = 0, hwm = 0;
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) rss = kib(l) / 1024;
                if (l.startsWith("VmHWM:")) hwm = kib(l) / 1024;
            }
            return new Rss(rss, hwm);
        }

        private static long kib(String line) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }

        @Override public String toString() {
            return rssMiB == 0 ? "n/a (no --pid)" : rssMiB + " MiB (peak " + peakMiB + " MiB)";
        }
    }

    /** utime + stime of a process in clock ticks (1/100 s on Linux); 0 without a pid. */
    private static long cpuTicks(long pid) throws IOException {
        if (pid <= 0) return 0;
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15, counted after the command name
    }

    private static long wallNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    /** Ten-line windows cut from a conversations file in the facebook-chat-data shape ({"id": {"lines": [[speaker, text], ...]}}). */
    static List<List<Line>> windows(Path file) throws IOException {
        List<List<Line>> out = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode convo : WireJson.mapper().readTree(file.toFile())) {
            List<Line> lines = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode l : convo.path("lines")) lines.add(new Line(l.path(0).asInt(), l.path(1).asText()));
            for (int from = 0; from + 10 <= lines.size(); from += 10) out.add(List.copyOf(lines.subList(from, from + 10)));
        }
        if (out.isEmpty()) throw new IllegalArgumentException(file + ": no conversation with 10 lines");
        return out;
    }

    /** The ten-line window every request carries (the AxonBench window). */
    static List<Line> window() {
        return AxonBench.window().lines();
    }

    /** {@code --name value} pairs, only the names given. */
    static final class Args {
        static Map<String, String> parse(String[] args, String... names) {
            Map<String, String> out = new java.util.HashMap<>();
            List<String> known = List.of(names);
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--") || !known.contains(a.substring(2)) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown or incomplete option " + a + " (known: --" + String.join(", --", names) + ")");
                }
                out.put(a.substring(2), args[++i]);
            }
            return out;
        }

        static String required(Map<String, String> opts, String name) {
            String v = opts.get(name);
            if (v == null) throw new IllegalArgumentException("--" + name + " is required");
            return v;
        }
    }
}
