package org.cgp.validator.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.cgp.protocol.synapse.Guid;
import org.cgp.llm.remote.Redactor;
import org.cgp.protocol.synapse.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers records to the CGP API ({@code PUT {write host}/api/v1/conversation/record/{guid}}).
 * Each record is spooled to disk first, then sent by one background thread, oldest first. While
 * the API is unreachable or failing (connection errors, 408, 429, 5xx) one retry is scheduled at a
 * time, with exponential backoff (1 s doubling to 5 min, with jitter), and new records simply
 * wait in the spool. A record the API refuses for good (another 4xx) or that cannot be read is
 * moved aside with an error, so it never blocks the others. Records left by a previous run are
 * sent at start.
 */
public final class CgpApiRecorder implements ResultRecorder {
    private static final Logger log = LoggerFactory.getLogger(CgpApiRecorder.class);
    private static final MediaType JSON = MediaType.get("application/json");
    /** The wait after a failed delivery: 1 s doubling to 5 minutes, with jitter. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private enum Outcome { DELIVERED, REFUSED, RETRY_LATER }

    private final OkHttpClient http;
    private final HttpUrl writeBase;
    private final Spool spool;
    private final ScheduledExecutorService retrier = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cgp-record-retry");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final AtomicInteger pending;
    private final Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF, true);

    public CgpApiRecorder(OkHttpClient http, HttpUrl writeBase, Spool spool) {
        // a redirect would turn the PUT into a GET and a 200 page would look like a delivery: never follow one
        this.http = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
        this.writeBase = writeBase;
        this.spool = spool;
        int left = spool.pending().size();
        this.pending = new AtomicInteger(left);
        if (left > 0) {
            log.info("Found {} undelivered records in {}; sending them", left, spool.dir());
            requestDrain();
        }
    }

    @Override public void record(Guid conversation, RecordPayload payload) {
        spool.add(SpoolEntry.record(conversation, payload));
        pending.incrementAndGet();
        requestDrain();
    }

    /**
     * Asks the delivery thread for one pass over the spool. Requests coalesce: at most one pass
     * waits at a time, and none while a retry is scheduled (the API is failing, so the record
     * waits in the spool for that retry).
     */
    private void requestDrain() {
        if (retryScheduled.get() || retrier.isShutdown() || !drainQueued.compareAndSet(false, true)) return;
        try {
            retrier.execute(() -> {
                drainQueued.set(false);
                if (!retryScheduled.get()) drain();
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            drainQueued.set(false); // closed meanwhile: the record is spooled for the next start
        }
    }

    /** Records accepted but not yet delivered (kept as a count: no directory listing per call). */
    @Override public int pending() { return Math.max(0, pending.get()); }

    @Override public String describe() { return "CGP API " + writeBase + " (spool " + spool.dir() + ")"; }

    /** Sends every spooled record, oldest first, until one must wait; then schedules the one retry. */
    synchronized void drain() {
        try {
            for (Path p : spool.pending()) {
                Outcome o = deliver(p);
                if (o == Outcome.RETRY_LATER) {
                    scheduleRetry();
                    return;
                }
                pending.decrementAndGet();
            }
            backoff.succeeded();
        } catch (RuntimeException e) {
            log.error("Delivering spooled records failed ({}); retrying later", e.toString());
            scheduleRetry();
        }
    }

    private synchronized void scheduleRetry() {
        if (retrier.isShutdown()) { // closing: what is left waits in the spool for the next start
            log.info("{} records stay spooled for the next start", pending());
            return;
        }
        if (!retryScheduled.compareAndSet(false, true)) return;
        long delay = backoff.failed();
        log.warn("{} records undelivered to {}; retrying in {} ms", pending(), writeBase, delay);
        retrier.schedule(() -> {
            retryScheduled.set(false);
            drain();
        }, delay, TimeUnit.MILLISECONDS);
    }

    private Outcome deliver(Path file) {
        JsonNode entry;
        try {
            entry = WireJson.mapper().readTree(spool.read(file));
        } catch (java.nio.file.NoSuchFileException e) {
            return Outcome.DELIVERED; // delivered by an earlier attempt
        } catch (IOException e) {
            log.error("Spooled record {} is unreadable ({}); moved aside as {}", file, e.getMessage(), spool.quarantine(file));
            return Outcome.REFUSED;
        }
        String kind = SpoolEntry.kind(entry);
        if (!kind.isEmpty() && !kind.equals(SpoolEntry.RECORD)) {
            log.error("Spooled entry {} is a {} write, not a record; moved aside as {}", file, kind, spool.quarantine(file));
            return Outcome.REFUSED;
        }
        String guid = entry.path("guid").asText("");
        JsonNode payload = entry.get("payload");
        if (guid.isBlank() || payload == null || !payload.isObject()) {
            log.error("Spooled record {} has no guid or payload; moved aside as {}", file, spool.quarantine(file));
            return Outcome.REFUSED;
        }
        HttpUrl url = writeBase.newBuilder().addPathSegments("api/v1/conversation/record").addPathSegment(guid).build();
        Request request = new Request.Builder().url(url)
                .header("Accept", "application/json").header("Accept-Language", "en_US")
                .put(RequestBody.create(payload.toString(), JSON)).build();
        try (Response r = http.newCall(request).execute()) {
            int code = r.code();
            if (code >= 200 && code < 300) { // 204 No Content is as delivered as 200
                spool.remove(file);
                return Outcome.DELIVERED;
            }
            if (code >= 300 && code < 400) { // not followed (a moved API is an operator's fix), and not lost
                log.warn("PUT {} answered HTTP {} (a redirect to {}); not followed, the record stays spooled", url, code,
                        Redactor.redact(r.header("Location", "?"), null));
                return Outcome.RETRY_LATER;
            }
            if (code >= 400 && code < 500 && code != 408 && code != 429) {
                String body = r.body() == null ? "" : r.body().string();
                log.error("PUT {} was refused with HTTP {} ({}); the record is moved aside as {} and not retried", url, code,
                        Redactor.redact(body.length() > 200 ? body.substring(0, 200) + "..." : body, null), spool.quarantine(file));
                return Outcome.REFUSED;
            }
            log.warn("PUT {} answered HTTP {}; the record stays spooled", url, code);
            return Outcome.RETRY_LATER;
        } catch (IOException e) {
            log.warn("PUT {} failed ({}: {}); the record stays spooled", url, e.getClass().getSimpleName(), e.getMessage());
            return Outcome.RETRY_LATER;
        }
    }

    @Override public void close() {
        retrier.shutdown();
        try {
            retrier.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        retrier.shutdownNow();
    }
}
