package org.cgp.validator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.cgp.scoring.EmitWeights;
import org.cgp.validator.state.ValidatorState;

/**
 * What the validator shows an operator: Prometheus meters (steps, windows, miner answers by
 * status, moving average per uid, undelivered records, weights) and what the status page shows
 * (the scores per uid, the last weights, the recent steps; the CLI renders it). A Micrometer
 * {@link MeterBinder}: bound once to any registry (the CLI's Prometheus registry; tests use
 * {@code SimpleMeterRegistry}), which creates every meter it can up front, so counting a step or a
 * weights event looks nothing up but a miner's answer status.
 */
public final class ValidatorMetrics implements MeterBinder {
    private static final int RECENT = 20;

    private final Supplier<ValidatorState> state;
    private final Supplier<EmitWeights> lastWeights;
    private final Supplier<Integer> pendingRecords;
    private final Deque<String> recent = new ArrayDeque<>();
    private final Set<Integer> gaugedUids = new HashSet<>();
    private final Map<WeightsEvent.Outcome, Counter> weightsSet = new EnumMap<>(WeightsEvent.Outcome.class);
    private final Map<Integer, Counter> answersByStatus = new ConcurrentHashMap<>();
    private final AtomicLong weightsBlock = new AtomicLong(-1);
    private final AtomicLong weightsAt = new AtomicLong(0);
    private MeterRegistry registry;
    private Timer stepTimer;
    private Counter stepsScored;
    private Counter stepsSkipped;
    private Counter windows;

    public ValidatorMetrics(Supplier<ValidatorState> state, Supplier<EmitWeights> lastWeights, Supplier<Integer> pendingRecords) {
        this.state = state;
        this.lastWeights = lastWeights;
        this.pendingRecords = pendingRecords;
    }

    /** Registers every meter in {@code registry}; a second binding is refused (the meters would count twice). */
    @Override public synchronized void bindTo(MeterRegistry registry) {
        if (this.registry != null) throw new IllegalStateException("the validator's metrics are bound to a registry already");
        this.registry = registry;
        this.stepTimer = Timer.builder("cgp_validator_step").description("Time to process one step").register(registry);
        this.stepsScored = steps("scored");
        this.stepsSkipped = steps("skipped");
        this.windows = Counter.builder("cgp_validator_windows_total").description("Tasks sent and scored").register(registry);
        Gauge.builder("cgp_validator_records_pending", pendingRecords, Supplier::get)
                .description("Records accepted but not yet delivered to the CGP API").strongReference(true).register(registry);
        Gauge.builder("cgp_validator_step_number", state, s -> s.get().step()).strongReference(true).register(registry);
        for (WeightsEvent.Outcome o : WeightsEvent.Outcome.values()) {
            weightsSet.put(o, Counter.builder("cgp_validator_weights_set").description("Attempts to set weights, by outcome")
                    .tag("outcome", o.label()).register(registry));
        }
        Gauge.builder("cgp_validator_weights_last_block", weightsBlock, AtomicLong::get)
                .description("Block at which weights were last set or committed (-1: not yet)").strongReference(true).register(registry);
        Gauge.builder("cgp_validator_weights_last_set_seconds", weightsAt, AtomicLong::get)
                .description("Unix time weights were last set or committed (0: not yet)").strongReference(true).register(registry);
    }

    private Counter steps(String outcome) {
        return Counter.builder("cgp_validator_steps_total").description("Steps, by outcome").tag("outcome", outcome).register(registry);
    }

    private void requireBound() {
        if (registry == null) throw new IllegalStateException("bind the validator's metrics to a registry first");
    }

    /**
     * What the weight setter tells: {@code cgp_validator_weights_set} by outcome (set, committed,
     * failed; each there from the start at 0), {@code cgp_validator_weights_last_block} and
     * {@code cgp_validator_weights_last_set_seconds} (Unix time) of the last weights the chain took.
     */
    public synchronized Consumer<WeightsEvent> weightsListener() {
        requireBound();
        return e -> {
            weightsSet.get(e.outcome()).increment();
            if (e.outcome() != WeightsEvent.Outcome.FAILED) {
                weightsBlock.set(e.block());
                weightsAt.set(Instant.now().getEpochSecond());
            }
        };
    }

    /** Counts one finished step. */
    public synchronized void record(StepReport report, Duration took) {
        requireBound();
        stepTimer.record(took);
        (report.succeeded() ? stepsScored : stepsSkipped).increment();
        for (WindowOutcome w : report.windows()) {
            windows.increment();
            for (MinerResult r : w.results()) {
                answersByStatus.computeIfAbsent(r.status(), s -> Counter.builder("cgp_validator_miner_answers_total")
                        .description("Miner answers, by HTTP status").tag("status", String.valueOf(s)).register(registry)).increment();
            }
        }
        double[] ema = state.get().ema();
        for (int uid = 0; uid < ema.length; uid++) {
            if (gaugedUids.add(uid)) {
                int u = uid;
                Gauge.builder("cgp_validator_moving_average", state, s -> u < s.get().ema().length ? s.get().ema()[u] : 0)
                        .tag("uid", String.valueOf(uid)).strongReference(true).register(registry);
            }
        }
        String line = Instant.now() + "  " + (report.conversation() == null ? "-" : report.conversation()) + "  "
                + (report.succeeded() ? report.groundTruthTags().size() + " tags, " + report.windows().size() + " of "
                + report.windowCount() + " windows" : "skipped: " + report.skipped());
        recent.addFirst(line);
        while (recent.size() > RECENT) recent.removeLast();
    }

    /** The validator's state now (step, hotkeys, moving averages), for the status page. */
    public ValidatorState state() { return state.get(); }

    /** The weights set last, or null before the first. */
    public EmitWeights lastWeights() { return lastWeights.get(); }

    /** The most recent steps, newest first, one line each. */
    public synchronized List<String> recent() { return List.copyOf(recent); }
}
