package org.cgp.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.cgp.protocol.axon.AxonObserver;
import org.cgp.protocol.axon.SynapseHandler;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.synapse.WindowPacket;
import org.junit.jupiter.api.Test;

/** The miner's meters as a MeterBinder: there from the binding, bound once, counting each task and response once. */
class MinerMetricsTest {
    @Test
    void boundOnceTheMetersExistAndCountWhatTheAxonAndTheHandlerDo() throws Exception {
        MinerMetrics metrics = new MinerMetrics("5Miner");
        assertThatThrownBy(metrics::axonObserver).hasMessageContaining("bind");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        assertThatThrownBy(() -> metrics.bindTo(new SimpleMeterRegistry())).isInstanceOf(IllegalStateException.class);
        assertThat(registry.get("cgp_axon_requests").tag("status", "200").counter().count()).isZero();
        assertThat(registry.get("cgp_axon_queue_depth").gauge().value()).isZero();
        metrics.queueDepth(() -> 7);
        assertThat(registry.get("cgp_axon_queue_depth").gauge().value()).isEqualTo(7.0);

        AxonObserver observer = metrics.axonObserver();
        observer.responded(200, 1_000_000);
        observer.responded(200, 2_000_000);
        observer.responded(413, 10_000);
        assertThat(registry.get("cgp_axon_requests").tag("status", "200").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("cgp_axon_requests").tag("status", "413").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("cgp_axon_request").timer().count()).isEqualTo(3);

        SynapseHandler<CgSynapse> metered = metrics.meter(r -> r.withOutput(new MinerOutput(List.of("a", "b"), null, null)));
        CgSynapse request = CgSynapse.request(new WindowPacket(Guid.HIDDEN, -1, List.of(new Line(0, "hello there"))), 12);
        metered.forward(request);
        metered.forward(request);
        assertThat(registry.get("cgp_miner_windows_total").tag("outcome", "ok").tag("type", "seed").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("cgp_miner_tags_per_window").summary().totalAmount()).isEqualTo(4.0);
        assertThat(metrics.tasks()).isEqualTo(2);
        assertThat(metrics.recent()).hasSize(2).first().asString().contains("seed -> 2 tags");
    }
}
