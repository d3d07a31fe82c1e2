package org.cgp.cli.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's window into a daemon: {@code GET /metrics} (Prometheus text) and {@code GET /}
 * (a small HTML status page). Read-only, separate from the axon, off unless a port is given.
 * Served by {@value #THREADS} threads, so one slow or half-sent connection cannot block the others,
 * and a request that is not read and answered within {@value #MAX_REQUEST_SECONDS} s is dropped
 * (the JDK server's {@code sun.net.httpserver.maxReqTime}/{@code maxRspTime}, set once unless the
 * operator set them). Daemons bind it to loopback unless told otherwise ({@code --metrics.host}).
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

    static final int THREADS = 4;
    static final int MAX_REQUEST_SECONDS = 5;

    static {
        // read once by the JDK server's configuration; an operator's own -D setting wins
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) System.setProperty("sun.net.httpserver.maxRspTime", String.valueOf(MAX_REQUEST_SECONDS));
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving on {@code host:port} (port 0 picks a free one). */
    public static StatusServer start(String host, int port, Supplier<String> prometheusText, Supplier<String> html)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "status-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                try {
                    route(exchange, prometheusText, html);
                } catch (RuntimeException e) {
                    log.warn("Status page failed: {}", e.toString());
                    send(exchange, 500, "text/plain; charset=utf-8", "status page failed; see the daemon's log\n");
                }
            }
        });
        server.start();
        log.info("Status page on http://{}:{}/ and metrics on /metrics", host, server.getAddress().getPort());
        return new StatusServer(server, executor);
    }

    private static void route(HttpExchange exchange, Supplier<String> prometheusText, Supplier<String> html) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            send(exchange, 405, "text/plain; charset=utf-8", "only GET is served here\n");
        } else if (exchange.getRequestURI().getPath().equals("/metrics")) {
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", prometheusText.get());
        } else if (exchange.getRequestURI().getPath().equals("/")) {
            send(exchange, 200, "text/html; charset=utf-8", html.get());
        } else {
            send(exchange, 404, "text/plain; charset=utf-8", "not found; try / or /metrics\n");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() { return server.getAddress().getPort(); }

    @Override public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** HTML-escapes text placed in the status page. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
