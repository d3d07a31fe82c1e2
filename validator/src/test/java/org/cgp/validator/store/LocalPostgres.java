package org.cgp.validator.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server on loopback for the store's tests: the one {@code CGP_TEST_PG_URL}
 * names (a JDBC URL of a database the tests may create databases from), or else one this JVM
 * starts from Debian's package (initdb into a temporary directory, trust auth on 127.0.0.1, a
 * free port; run as the {@code postgres} user when the tests run as root) and stops at exit.
 * Without either the tests are skipped with a message saying how to get one.
 */
final class LocalPostgres {
    private static String adminUrl;
    private static String unavailable;

    private LocalPostgres() {}

    /** A fresh, empty database on the server, as a store URL; skips the test when there is no server. */
    static synchronized StoreUrl freshDatabase() {
        if (adminUrl == null && unavailable == null) start();
        assumeTrue(unavailable == null, unavailable);
        String name = "cgp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        return StoreUrl.parse(adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"));
    }

    /** Runs one statement as the server's superuser. */
    static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void start() {
        String env = System.getenv("CGP_TEST_PG_URL");
        if (env != null && !env.isBlank()) {
            adminUrl = env.strip();
            return;
        }
        Path bin = binDir();
        if (bin == null) {
            unavailable = "PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/run installs it), and CGP_TEST_PG_URL is not set: "
                    + "the PostgreSQL store tests are skipped";
            return;
        }
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("cgp-pg-");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> prefix = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
            if (root) run(List.of("chown", "postgres", dir.toString()));
            Path data = dir.resolve("data");
            run(with(prefix, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"));
            run(with(prefix, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(with(prefix, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
                } catch (IOException e) {
                    // the JVM is leaving; the temporary cluster goes with the machine
                }
            }));
            adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        } catch (IOException e) {
            unavailable = "PostgreSQL could not be started here (" + e.getMessage() + "): the PostgreSQL store tests are skipped";
        }
    }

    private static List<String> with(List<String> prefix, String... cmd) {
        List<String> out = new ArrayList<>(prefix);
        out.addAll(List.of(cmd));
        return out;
    }

    private static void run(List<String> cmd) throws IOException {
        // output to a file: the server pg_ctl starts keeps its inherited descriptors open
        Path log = Files.createTempFile("cgp-pg-cmd", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(cmd.size() > 4 ? 3 : 0) + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out.strip());
    }

    private static Path binDir() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "pg_ctl")) && Files.isExecutable(Path.of(d, "initdb"))) {
                try { return Path.of(d, "pg_ctl").toRealPath().getParent(); } catch (IOException e) { return Path.of(d); }
            }
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) return null;
        try (var versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl"))).sorted().reduce((a, b) -> b).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
