package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.cgp.protocol.synapse.Guid;
import org.cgp.scoring.EmitWeights;
import org.cgp.scoring.MinerScore;
import org.cgp.validator.state.ValidatorState;
import org.junit.jupiter.api.Test;

class ValidatorMetricsTest {
    @Test
    void metersStepsAnswersAndMovingAveragesAndSurvivesGarbageCollection() {
        ValidatorState state = new ValidatorState(3, List.of("5A", "5B<script>"), new double[] {0, 0.25}, 10);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ValidatorMetrics m = new ValidatorMetrics(() -> state, () -> new EmitWeights(new int[] {1}, new int[] {65535}), () -> 2);
        m.bindTo(registry);
        MinerResult ok = new MinerResult(1, "5B", 200, "Success", List.of("a"), List.of("a"), 1,
                new MinerScore(1, "5B", 0.5, 0.5, 3, 2, 1, null), 0.5);
        MinerResult down = new MinerResult(1, "5B", 503, "down", List.of(), List.of(), 0,
                new MinerScore(1, "5B", 0, 0, 0, 0, 0, "503 down"), 0);
        m.record(new StepReport(Guid.of("42"), List.of("x", "y", "z"), 4, List.of(new WindowOutcome("42",
                        org.cgp.protocol.task.TaskType.CONVERSATION_TAGGING, "t1", 0, List.of(1, 1), List.of(ok, down))), null, List.of("42")),
                Duration.ofMillis(1500));
        System.gc();
        assertThat(registry.get("cgp_validator_miner_answers_total").tag("status", "200").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cgp_validator_miner_answers_total").tag("status", "503").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cgp_validator_moving_average").tag("uid", "1").gauge().value()).isEqualTo(0.25);
        assertThat(registry.get("cgp_validator_records_pending").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("cgp_validator_step_number").gauge().value()).isEqualTo(3.0);
        assertThat(registry.get("cgp_validator_steps_total").tag("outcome", "scored").counter().count()).isEqualTo(1.0);
        assertThat(m.recent()).singleElement().asString().contains("3 tags, 1 of 4 windows");
        assertThat(m.lastWeights().weights()).containsExactly(65535);
    }

    @Test
    void countsWeightsByOutcomeAndKeepsTheLastOneTheChainTook() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ValidatorState state = new ValidatorState(0, List.of("5A"), new double[] {0}, 0);
        ValidatorMetrics m = new ValidatorMetrics(() -> state, () -> null, () -> 0);
        m.bindTo(registry);
        var listener = m.weightsListener();
        assertThat(registry.get("cgp_validator_weights_set").tag("outcome", "failed").counter().count()).isZero();
        assertThat(registry.get("cgp_validator_weights_last_block").gauge().value()).isEqualTo(-1.0);
        EmitWeights w = new EmitWeights(new int[] {0}, new int[] {65535});
        listener.accept(new WeightsEvent(WeightsEvent.Outcome.SET, 33, "5A", 100, w, null));
        listener.accept(new WeightsEvent(WeightsEvent.Outcome.COMMITTED, 33, "5A", 460, w, null));
        listener.accept(new WeightsEvent(WeightsEvent.Outcome.FAILED, 33, "5A", -1, null, "RateLimit"));
        assertThat(registry.get("cgp_validator_weights_set").tag("outcome", "set").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cgp_validator_weights_set").tag("outcome", "committed").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cgp_validator_weights_set").tag("outcome", "failed").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cgp_validator_weights_last_block").gauge().value()).as("a failure leaves the last success").isEqualTo(460.0);
        assertThat(registry.get("cgp_validator_weights_last_set_seconds").gauge().value()).isGreaterThan(1.7e9);
    }

    @Test
    void everyMeterExistsOnceBoundAndIsBoundOnlyOnce() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ValidatorState state = new ValidatorState(0, List.of("5A"), new double[] {0}, 0);
        ValidatorMetrics m = new ValidatorMetrics(() -> state, () -> null, () -> 0);
        assertThatThrownBy(() -> m.record(StepReport.skipped(null, "x"), Duration.ZERO)).hasMessageContaining("bind");
        m.bindTo(registry);
        assertThat(registry.get("cgp_validator_steps_total").tag("outcome", "skipped").counter().count()).isZero();
        assertThat(registry.get("cgp_validator_windows_total").counter().count()).isZero();
        assertThat(registry.get("cgp_validator_step").timer().count()).isZero();
        assertThatThrownBy(() -> m.bindTo(new SimpleMeterRegistry())).isInstanceOf(IllegalStateException.class);
        m.record(StepReport.skipped(null, "x"), Duration.ofMillis(5));
        assertThat(registry.get("cgp_validator_steps_total").tag("outcome", "skipped").counter().count()).isEqualTo(1.0);
    }
}
