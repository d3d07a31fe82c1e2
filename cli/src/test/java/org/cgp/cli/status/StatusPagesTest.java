package org.cgp.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.cgp.miner.MinerMetrics;
import org.cgp.scoring.EmitWeights;
import org.cgp.validator.ValidatorMetrics;
import org.cgp.validator.state.ValidatorState;
import org.junit.jupiter.api.Test;

class StatusPagesTest {
    @Test
    void validatorPageShowsScoresAndWeightsAndEscapesHotkeys() {
        ValidatorState state = new ValidatorState(3, List.of("5A", "5B<script>"), new double[] {0, 0.25}, 10);
        ValidatorMetrics m = new ValidatorMetrics(() -> state, () -> new EmitWeights(new int[] {1}, new int[] {65535}), () -> 0);
        m.bindTo(new SimpleMeterRegistry());
        String html = StatusPages.validator(m);
        assertThat(html).contains("5B&lt;script&gt;").doesNotContain("5B<script>").contains("65535").contains("0.25000")
                .contains("step 3");
    }

    @Test
    void minerPageShowsItsHotkeyEscaped() {
        MinerMetrics metrics = new MinerMetrics("5M\"<b>");
        metrics.bindTo(new SimpleMeterRegistry());
        String html = StatusPages.miner(metrics);
        assertThat(html).contains("5M&quot;&lt;b&gt;").contains("windows tagged: 0");
    }
}
