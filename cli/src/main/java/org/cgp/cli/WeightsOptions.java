package org.cgp.cli;

import org.cgp.validator.ValidatorConfig;
import org.cgp.validator.WeightsCurve;
import picocli.CommandLine.Option;

/**
 * The flags that turn moving averages into weights, shared by {@code cgp validator} and
 * {@code cgp weights}, so that {@code weights show} prints what the validator sends under the same flags.
 */
final class WeightsOptions {
    @Option(names = "--neuron.weights_power", defaultValue = "" + ValidatorConfig.LIVE_WEIGHTS_POWER,
            description = "Raise normalised averages to this power, as the live validators do (default: ${DEFAULT-VALUE})")
    double weightsPower;

    @Option(names = "--neuron.weights_curve", defaultValue = "cubic",
            description = "cubic (rank-based, as the live validators) | proportional (default: ${DEFAULT-VALUE})")
    String weightsCurve;

    @Option(names = "--neuron.burn_uid", defaultValue = "" + ValidatorConfig.OWNER,
            description = "Uid that receives --neuron.burn_rate of the weight; -1 for the subnet owner's uid, read from the chain (default: ${DEFAULT-VALUE})")
    int burnUid;

    @Option(names = "--neuron.burn_rate", defaultValue = "" + ValidatorConfig.LIVE_BURN_RATE,
            description = "Share of weight burnt to the burn uid; 0, as the live validators since CGP 2.34.70 (the owner's uid is never ranked) (default: ${DEFAULT-VALUE})")
    double burnRate;

    /** {@code base} with these flags' weight settings (each checked there, a bad one naming its flag). */
    ValidatorConfig applyTo(ValidatorConfig base) {
        return base.withWeights(weightsPower, burnUid, burnRate, ValidatorCommand.parseEnum(WeightsCurve.class, "--neuron.weights_curve", weightsCurve));
    }
}
