package org.cgp.miner;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.cgp.protocol.axon.AxonObserver;
import org.cgp.protocol.axon.ForwardRefusedException;
import org.cgp.protocol.axon.SynapseHandler;
import org.cgp.protocol.synapse.CgInput;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.InvalidSynapseException;
import org.cgp.protocol.task.TaskType;

/**
 * Meters the miner's forward function (tasks by outcome and type, time per task, tags per answer;
 * the metric names keep their first "windows" wording) and the axon (responses by status, latency,
 * queue depth), and keeps the recent tasks for the status page (which the CLI renders). Wraps the
 * real handler; changes nothing. A Micrometer {@link MeterBinder}: bound once to any registry (the
 * CLI's Prometheus registry; tests use {@code SimpleMeterRegistry}) before the axon starts.
 */
public final class MinerMetrics implements MeterBinder {
    private static final int RECENT = 20;

    private final Deque<String> recent = new ArrayDeque<>();
    private final String hotkey;
    /** One counter per status and per (outcome, type), looked up without building a meter id per request (the axon's hot path). */
    private final Map<Integer, Counter> byStatus = new ConcurrentHashMap<>();
    private final Map<String, Counter> byOutcome = new ConcurrentHashMap<>();
    private volatile IntSupplier queued = () -> 0;
    private MeterRegistry registry;
    private Timer forwardTimer;
    private DistributionSummary tagsPerWindow;
    private Timer latency;

    public MinerMetrics(String hotkey) {
        this.hotkey = hotkey;
    }

    /** Latency buckets of the axon's request timer: a refused request takes microseconds, a tagged window milliseconds to seconds. */
    private static final Duration[] AXON_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(12)};

    /** Registers every meter in {@code registry}; a second binding is refused (the meters would count twice). */
    @Override public synchronized void bindTo(MeterRegistry registry) {
        if (this.registry != null) throw new IllegalStateException("the miner's metrics are bound to a registry already");
        this.registry = registry;
        this.forwardTimer = Timer.builder("cgp_miner_forward").description("Time to mine one task").register(registry);
        this.tagsPerWindow = DistributionSummary.builder("cgp_miner_tags_per_window").register(registry);
        this.latency = Timer.builder("cgp_axon_request").description("Time from a request read to its response written")
                .serviceLevelObjectives(AXON_BUCKETS).register(registry);
        status(200); // the series exists before the first request
        Gauge.builder("cgp_axon_queue_depth", this, m -> m.queued.getAsInt())
                .description("Requests waiting for a forward worker").strongReference(true).register(registry);
    }

    private MeterRegistry registry() {
        MeterRegistry r = registry;
        if (r == null) throw new IllegalStateException("bind the miner's metrics to a registry first");
        return r;
    }

    private Counter status(int status) {
        return byStatus.computeIfAbsent(status, s -> Counter.builder("cgp_axon_requests")
                .description("Axon responses by HTTP status").tag("status", String.valueOf(s)).register(registry()));
    }

    /**
     * What the axon tells of each response: {@code cgp_axon_requests} by HTTP status (a bounded
     * set) and the {@code cgp_axon_request} timer, with buckets for quantiles.
     */
    public AxonObserver axonObserver() {
        registry();
        return (status, nanos) -> {
            latency.record(nanos, TimeUnit.NANOSECONDS);
            status(status).increment();
        };
    }

    /** {@code cgp_axon_queue_depth}: requests waiting for a forward worker, read from {@code queued} from now on. */
    public void queueDepth(IntSupplier queued) { this.queued = queued; }

    /** {@code handler}, metered. */
    public SynapseHandler<CgSynapse> meter(SynapseHandler<CgSynapse> handler) {
        registry();
        return request -> {
            long start = System.nanoTime();
            String outcome = "error";
            String type = type(request);
            try {
                CgSynapse out = handler.forward(request);
                outcome = "ok";
                int tags = out.output() == null ? 0 : out.output().tags().size();
                tagsPerWindow.record(tags);
                remember(Instant.now() + "  " + type + " -> " + tags + " tags");
                return out;
            } catch (InvalidSynapseException | ForwardRefusedException e) {
                outcome = "refused";
                remember(Instant.now() + "  " + type + " refused: " + e.getMessage());
                throw e;
            } finally {
                forwardTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                String o = outcome;
                byOutcome.computeIfAbsent(o + "|" + type, k -> Counter.builder("cgp_miner_windows_total").tag("outcome", o).tag("type", type)
                        .register(registry())).increment();
            }
        };
    }

    /** The task type of a request, "seed" for a seed packet, "unknown" or "invalid" otherwise (a bounded label set). */
    static String type(CgSynapse request) {
        try {
            CgInput in = request.input();
            if (!in.isTaskPacket()) return "seed";
            return TaskType.fromWire(in.task().path("type").asText("")).map(TaskType::wire).orElse("unknown");
        } catch (RuntimeException e) {
            return "invalid";
        }
    }

    private synchronized void remember(String line) {
        recent.addFirst(line);
        while (recent.size() > RECENT) recent.removeLast();
    }

    /** The miner's hotkey, for the status page. */
    public String hotkey() { return hotkey; }

    /** Tasks answered or refused since start. */
    public long tasks() { return forwardTimer.count(); }

    /** Mean time per task in milliseconds. */
    public double meanMillis() { return forwardTimer.mean(TimeUnit.MILLISECONDS); }

    /** The most recent tasks, newest first, one line each. */
    public synchronized List<String> recent() { return List.copyOf(recent); }
}
