package org.cgp.validator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a validator runs, beyond one step's settings.
 *
 * @param stateDir     where state.json and the record spool live
 * @param weightsPower the normalised moving averages are raised to this power and normalised again
 *                     (3, as the live validators do; 1 for plain normalisation)
 * @param burnUid      the uid that receives {@code burnRate} of the weight; {@link #OWNER} (-1) for
 *                     the subnet owner's uid as the chain names it (no burn when it names none)
 * @param burnRate     the share burnt to the burn uid; 0 for none, as the live validators since
 *                     CGP 2.34.70 (the owner's uid is left out of the ranking all the same)
 * @param curve        cubic (the live rank-based curve) or proportional
 */
public record ValidatorConfig(StepSettings step, Path stateDir, long epochLength, boolean disableSetWeights, double alpha,
                              double weightsPower, int burnUid, double burnRate, double vpermitTaoLimit,
                              Duration metagraphRefresh, long versionKey, Duration idleAfterFailure, WeightsCurve curve) {
    /** {@code burnUid} meaning "the subnet owner's uid". */
    public static final int OWNER = -1;
    /** The live validators' burn share (0 since CGP 2.34.70; it was 0.9) and power. */
    public static final double LIVE_BURN_RATE = 0;
    public static final double LIVE_WEIGHTS_POWER = 3;
    /** Blocks between weight settings, the moving average's alpha and the stake above which a validator is not queried (the SDK's defaults). */
    public static final long DEFAULT_EPOCH_LENGTH = 100;
    public static final double DEFAULT_ALPHA = org.cgp.scoring.MovingAverage.DEFAULT_ALPHA;
    public static final int DEFAULT_VPERMIT_TAO_LIMIT = 4096;

    public ValidatorConfig {
        if (epochLength < 1) throw new IllegalArgumentException("--neuron.epoch_length must be >= 1, got " + epochLength);
        if (!(alpha > 0 && alpha <= 1)) throw new IllegalArgumentException("--neuron.moving_average_alpha must be in (0, 1], got " + alpha);
        if (!(weightsPower >= 1)) throw new IllegalArgumentException("--neuron.weights_power must be >= 1, got " + weightsPower);
        if (!(burnRate >= 0 && burnRate < 1)) throw new IllegalArgumentException("--neuron.burn_rate must be in [0, 1), got " + burnRate);
        if (!(vpermitTaoLimit >= 0) || Double.isInfinite(vpermitTaoLimit)) {
            throw new IllegalArgumentException("--neuron.vpermit_tao_limit must be a finite number >= 0, got " + vpermitTaoLimit);
        }
        if (burnUid < OWNER) throw new IllegalArgumentException("--neuron.burn_uid must be a uid or -1 (the subnet owner), got " + burnUid);
        if (curve == null) throw new IllegalArgumentException("--neuron.weights_curve is required");
    }

    /** The live validators' behaviour: power 3, cubic curve, the subnet owner unweighted, nothing burnt. */
    public static ValidatorConfig defaults(StepSettings step, Path stateDir) { return builder(step, stateDir).build(); }

    /** The live behaviour on a local subnet: weights after every step, 1 s after a failed step (the local round, tests). */
    public static ValidatorConfig local(StepSettings step, Path stateDir) {
        return builder(step, stateDir).epochLength(1).idleAfterFailure(Duration.ofSeconds(1)).build();
    }

    /** This config with other weight settings (power, burn uid and rate, curve). */
    public ValidatorConfig withWeights(double power, int burnUid, double burnRate, WeightsCurve curve) {
        return toBuilder().weightsPower(power).burnUid(burnUid).burnRate(burnRate).curve(curve).build();
    }

    /** A builder starting from the live defaults; each value is checked when built, a bad one naming its flag. */
    public static Builder builder(StepSettings step, Path stateDir) { return new Builder(step, stateDir); }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return builder(step, stateDir).epochLength(epochLength).disableSetWeights(disableSetWeights).alpha(alpha).weightsPower(weightsPower)
                .burnUid(burnUid).burnRate(burnRate).vpermitTaoLimit(vpermitTaoLimit).metagraphRefresh(metagraphRefresh).versionKey(versionKey)
                .idleAfterFailure(idleAfterFailure).curve(curve);
    }

    public static final class Builder {
        private final StepSettings step;
        private final Path stateDir;
        private long epochLength = DEFAULT_EPOCH_LENGTH;
        private boolean disableSetWeights;
        private double alpha = DEFAULT_ALPHA;
        private double weightsPower = LIVE_WEIGHTS_POWER;
        private int burnUid = OWNER;
        private double burnRate = LIVE_BURN_RATE;
        private double vpermitTaoLimit = DEFAULT_VPERMIT_TAO_LIMIT;
        private Duration metagraphRefresh = org.cgp.chain.MetagraphCache.DEFAULT_REFRESH;
        private long versionKey = StepSettings.SPEC_VERSION;
        private Duration idleAfterFailure = Duration.ofSeconds(30);
        private WeightsCurve curve = WeightsCurve.CUBIC;

        private Builder(StepSettings step, Path stateDir) {
            this.step = step;
            this.stateDir = stateDir;
        }

        public Builder epochLength(long v) { epochLength = v; return this; }
        public Builder disableSetWeights(boolean v) { disableSetWeights = v; return this; }
        public Builder alpha(double v) { alpha = v; return this; }
        public Builder weightsPower(double v) { weightsPower = v; return this; }
        public Builder burnUid(int v) { burnUid = v; return this; }
        public Builder burnRate(double v) { burnRate = v; return this; }
        public Builder vpermitTaoLimit(double v) { vpermitTaoLimit = v; return this; }
        public Builder metagraphRefresh(Duration v) { metagraphRefresh = v; return this; }
        public Builder versionKey(long v) { versionKey = v; return this; }
        public Builder idleAfterFailure(Duration v) { idleAfterFailure = v; return this; }
        public Builder curve(WeightsCurve v) { curve = v; return this; }

        public ValidatorConfig build() {
            return new ValidatorConfig(step, stateDir, epochLength, disableSetWeights, alpha, weightsPower, burnUid, burnRate, vpermitTaoLimit,
                    metagraphRefresh, versionKey, idleAfterFailure, curve);
        }
    }
}
