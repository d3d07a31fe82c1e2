package org.cgp.validator.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.cgp.protocol.io.AtomicFiles;
import org.cgp.protocol.synapse.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of results not yet delivered, one file each, written atomically (temp file, fsync,
 * rename) before delivery is tried, and removed only once delivered. What a crash leaves here is
 * sent on the next start. A bounded spool keeps at most {@code maxBytes} and nothing older than
 * {@code maxAge}: past either, the oldest entries are dropped and their count logged, so an API
 * that stays away for days never fills the disk (and so stops the state from being saved).
 */
public final class Spool {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    /** The CGP API spool's bounds: a week of steps at the live rate, or 512 MiB, whichever comes first. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    private final Path dir;
    private final AtomicLong seq = new AtomicLong();
    private final long maxBytes;
    private final Duration maxAge;
    private final AtomicLong dropped = new AtomicLong();

    /** An unbounded spool (the store's: its writes wait until the store is back). */
    public Spool(Path dir) {
        this(dir, Long.MAX_VALUE, null);
    }

    /** A spool that drops its oldest entries past {@code maxBytes} in all or {@code maxAge} (null: no age limit). */
    public Spool(Path dir, long maxBytes, Duration maxAge) {
        if (maxBytes < 1) throw new IllegalArgumentException("a spool's size limit must be positive");
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create spool directory " + dir, e);
        }
    }

    public Path dir() { return dir; }

    /** Stores {@code body} durably ({@link AtomicFiles}) and returns its file. */
    public Path add(byte[] body) {
        String name = String.format("%019d-%06d.json", System.currentTimeMillis(), seq.incrementAndGet() % 1_000_000);
        Path target = dir.resolve(name);
        try {
            AtomicFiles.write(target, body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool a result to " + dir, e);
        }
        if (maxBytes != Long.MAX_VALUE || maxAge != null) enforceBounds(target);
        return target;
    }

    /** Stores {@code entry} ({@link SpoolEntry}) durably, as JSON, and returns its file. */
    public Path add(JsonNode entry) {
        try {
            return add(WireJson.mapper().writeValueAsBytes(entry));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a spool entry as JSON", e);
        }
    }

    /** Entries dropped by the bounds since this spool was opened. */
    public long dropped() { return dropped.get(); }

    /** Drops the oldest entries (never {@code keep}, the one just written) while the spool is over its size or age. */
    private synchronized void enforceBounds(Path keep) {
        List<Path> entries = pending();
        long total = 0;
        long[] sizes = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            try {
                sizes[i] = Files.size(entries.get(i));
            } catch (IOException e) {
                sizes[i] = 0; // delivered meanwhile
            }
            total += sizes[i];
        }
        long horizon = maxAge == null ? Long.MIN_VALUE : System.currentTimeMillis() - maxAge.toMillis();
        int n = 0;
        for (int i = 0; i < entries.size(); i++) {
            Path p = entries.get(i);
            if (p.equals(keep)) break;
            boolean tooOld = writtenAt(p) < horizon;
            if (total <= maxBytes && !tooOld) break;
            try {
                if (Files.deleteIfExists(p)) n++;
            } catch (IOException e) {
                break;
            }
            total -= sizes[i];
        }
        if (n > 0) {
            long all = dropped.addAndGet(n);
            log.error("Spool {} is over its bounds ({} MiB, {} days): dropped the {} oldest undelivered result(s), {} since start",
                    dir, maxBytes >> 20, maxAge == null ? "no limit in" : maxAge.toDays(), n, all);
        }
    }

    /** The time an entry was written, from its name (milliseconds since the epoch); 0 when the name is not one of ours. */
    private static long writtenAt(Path p) {
        String name = p.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            return Long.parseLong(dash > 0 ? name.substring(0, dash) : name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Undelivered entries, oldest first (temp files of an interrupted write are ignored). */
    public List<Path> pending() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list spool directory " + dir, e);
        }
    }

    public byte[] read(Path entry) throws IOException { return Files.readAllBytes(entry); }

    public void remove(Path entry) throws IOException { Files.deleteIfExists(entry); }

    /** Moves an entry that cannot be delivered aside (kept for a human, never retried) and returns its new name. */
    public Path quarantine(Path entry) {
        Path aside = entry.resolveSibling(entry.getFileName() + ".rejected");
        try {
            return Files.move(entry, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move aside unreadable spool entry " + entry, e);
        }
    }
}
