package org.cgp.validator.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * A store's one JDBC connection: opened with the settings each database needs (SQLite's busy
 * timeout and write-ahead log; PostgreSQL's connect and socket timeouts), work run in one
 * transaction and retried once on a fresh connection when the old one broke, and the rule for
 * which failures are worth waiting for. Not thread-safe: {@link ResultStore} holds the lock.
 */
final class StoreConnection implements AutoCloseable {
    /** How long a write waits for another validator's lock on a SQLite file. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    /** How long connecting to a PostgreSQL server may take. */
    static final int PG_CONNECT_TIMEOUT_S = 10;
    /**
     * How long one statement may wait on the PostgreSQL server's answer: without it a server whose
     * packets are dropped holds a write (and the step) until TCP gives up, about 15 minutes.
     */
    static final int PG_SOCKET_TIMEOUT_S = 30;

    /** Work in a transaction that returns nothing. */
    interface Write {
        void apply(Connection c) throws SQLException;
    }

    private final StoreUrl url;
    private Connection connection;

    /** Opens the connection, or fails with one {@link StoreException} line naming the store. */
    StoreConnection(StoreUrl url) {
        this.url = url;
        this.connection = connect(url);
    }

    /** The open connection (for migrations and reads, under the store's lock). */
    Connection get() { return connection; }

    /** Runs {@code r} on the connection, a failure being one {@link StoreException} line naming the store. */
    <T> T read(Transaction.Work<T> r) {
        try {
            return r.apply(connection);
        } catch (SQLException e) {
            throw new StoreException(url.describe() + ": cannot read: " + oneLine(e), e);
        }
    }

    /** Runs {@code w} in one transaction; a broken connection is opened again once and {@code w} retried. */
    void inTransaction(Write w) throws SQLException {
        try {
            once(w);
        } catch (SQLException e) {
            if (!connectionLost(e)) throw e;
            closeQuietly();
            try {
                connection = connect(url);
            } catch (StoreException again) {
                String why = again.getCause() instanceof SQLException se ? oneLine(se) : again.getMessage();
                throw new SQLRecoverableException(why, "08001", again);
            }
            once(w);
        }
    }

    private void once(Write w) throws SQLException {
        Transaction.run(connection, c -> {
            w.apply(c);
            return null;
        });
    }

    /** A connection that broke: PostgreSQL's class 08 and 57P (server shut down), or the driver says so. */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLRecoverableException || (state != null && (state.startsWith("08") || state.startsWith("57P")));
    }

    /** Worth waiting for: a lost connection, a lock held too long, a server out of room for a while. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return connectionLost(e) || e instanceof SQLTransientException || (state != null && (state.startsWith("53") || state.startsWith("40")))
                || busy(e);
    }


    private static Connection connect(StoreUrl url) {
        try {
            if (url.dialect() == Dialect.SQLITE) {
                Path parent = url.file().toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                SQLiteConfig config = new SQLiteConfig();
                config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
                config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
                Connection c = DriverManager.getConnection(url.jdbcUrl(), config.toProperties());
                try {
                    walMode(c);
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
                return c;
            }
            Properties p = new Properties();
            if (!url.jdbcUrl().contains("connectTimeout=")) p.setProperty("connectTimeout", String.valueOf(PG_CONNECT_TIMEOUT_S));
            if (!url.jdbcUrl().contains("socketTimeout=")) p.setProperty("socketTimeout", String.valueOf(PG_SOCKET_TIMEOUT_S));
            if (!url.jdbcUrl().contains("tcpKeepAlive=")) p.setProperty("tcpKeepAlive", "true");
            if (!url.jdbcUrl().contains("ApplicationName=")) p.setProperty("ApplicationName", "cgp-java validator");
            return DriverManager.getConnection(url.jdbcUrl(), p);
        } catch (SQLException e) {
            throw new StoreException(url.describe() + " cannot be opened: " + oneLine(e), e);
        } catch (IOException e) {
            throw new StoreException(url.describe() + ": cannot create its directory (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Turns on write-ahead logging (readers never block the writer; it persists in the file). A
     * fresh file that other validators open at the same moment can answer SQLITE_BUSY here without
     * waiting for the busy timeout (changing the journal mode takes the file exclusively), so this
     * tries again until that timeout has passed.
     */
    private static void walMode(Connection c) throws SQLException {
        long deadline = System.nanoTime() + SQLITE_BUSY_TIMEOUT_MS * 1_000_000L;
        while (true) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                return;
            } catch (SQLException e) {
                if (!busy(e) || System.nanoTime() - deadline > 0) throw e;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new SQLRecoverableException("interrupted while waiting for another validator's lock", "08000", ie);
            }
        }
    }

    static boolean busy(SQLException e) {
        String msg = String.valueOf(e.getMessage());
        return msg.contains("SQLITE_BUSY") || msg.contains("database is locked");
    }

    /** The first line of a database's message, without the URL's password. */
    static String oneLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return StoreUrl.redact((nl < 0 ? m : m.substring(0, nl)).strip());
    }

    void closeQuietly() {
        try {
            if (connection != null) connection.close();
        } catch (SQLException ignored) {
            // closing a broken connection has nothing left to lose
        }
    }

    @Override public void close() { closeQuietly(); }
}
