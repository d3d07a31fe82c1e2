package org.cgp.validator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.cgp.scoring.EmitWeights;
import org.cgp.validator.state.ValidatorState;

/**
 * What the validator shows an operator: Prometheus meters (steps, windows, miner answers by
 * status, moving average per uid, undelivered records) and what the status page shows (the scores
 * per uid, the last weights, the recent conversations; the CLI renders it). The meters go to the registry it is given: the
 * CLI's Prometheus registry, or any other (tests use {@code SimpleMeterRegistry}).
 */
public final class ValidatorMetrics {
    private static final int RECENT = 20;

    private final MeterRegistry registry;
    private final Supplier<ValidatorState> state;
    private final Supplier<EmitWeights> lastWeights;
    private final Deque<String> recent = new ArrayDeque<>();
    private final Set<Integer> gaugedUids = new HashSet<>();
    private final Timer stepTimer;

    public ValidatorMetrics(Supplier<ValidatorState> state, Supplier<EmitWeights> lastWeights, Supplier<Integer> pendingRecords,
                            MeterRegistry registry) {
        this.registry = registry;
        this.state = state;
        this.lastWeights = lastWeights;
        this.stepTimer = Timer.builder("cgp_validator_step").description("Time to process one conversation").register(registry);
        Gauge.builder("cgp_validator_records_pending", pendingRecords, Supplier::get)
                .description("Records accepted but not yet delivered to the CGP API").strongReference(true).register(registry);
        Gauge.builder("cgp_validator_step_number", state, s -> s.get().step()).strongReference(true).register(registry);
    }

    /**
     * What the weight setter tells: {@code cgp_validator_weights_set} by outcome (set, committed,
     * failed; each there from the start at 0), {@code cgp_validator_weights_last_block} and
     * {@code cgp_validator_weights_last_set_seconds} (Unix time) of the last weights the chain took.
     */
    public Consumer<WeightsEvent> weightsListener() {
        for (WeightsEvent.Outcome o : WeightsEvent.Outcome.values()) {
            Counter.builder("cgp_validator_weights_set").description("Attempts to set weights, by outcome").tag("outcome", o.label())
                    .register(registry);
        }
        AtomicLong block = new AtomicLong(-1);
        AtomicLong at = new AtomicLong(0);
        Gauge.builder("cgp_validator_weights_last_block", block, AtomicLong::get)
                .description("Block at which weights were last set or committed (-1: not yet)").strongReference(true).register(registry);
        Gauge.builder("cgp_validator_weights_last_set_seconds", at, AtomicLong::get)
                .description("Unix time weights were last set or committed (0: not yet)").strongReference(true).register(registry);
        return e -> {
            Counter.builder("cgp_validator_weights_set").tag("outcome", e.outcome().label()).register(registry).increment();
            if (e.outcome() != WeightsEvent.Outcome.FAILED) {
                block.set(e.block());
                at.set(Instant.now().getEpochSecond());
            }
        };
    }

    /** Counts one finished step. */
    public synchronized void record(StepReport report, Duration took) {
        stepTimer.record(took);
        Counter.builder("cgp_validator_steps_total").tag("outcome", report.succeeded() ? "scored" : "skipped").register(registry).increment();
        for (WindowOutcome w : report.windows()) {
            Counter.builder("cgp_validator_windows_total").register(registry).increment();
            for (MinerResult r : w.results()) {
                Counter.builder("cgp_validator_miner_answers_total").tag("status", String.valueOf(r.status())).register(registry).increment();
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
