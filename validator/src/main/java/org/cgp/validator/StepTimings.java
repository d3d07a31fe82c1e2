package org.cgp.validator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.cgp.validator.StepEventListener.Phase;

/** Where one step's time went: the phases' durations summed over its bundles and tasks. */
final class StepTimings extends StepEventListener {
    private final Map<Phase, Long> nanos = new EnumMap<>(Phase.class);

    void reset() { nanos.clear(); }

    @Override public void phaseEnd(Phase phase, Duration took) { nanos.merge(phase, took.toNanos(), Long::sum); }

    ValidatorStep.Timings snapshot() {
        return new ValidatorStep.Timings(ms(Phase.PREPARE), ms(Phase.QUERY), ms(Phase.JUDGE), ms(Phase.SCORE), ms(Phase.RECORD));
    }

    private long ms(Phase p) { return nanos.getOrDefault(p, 0L) / 1_000_000; }
}
