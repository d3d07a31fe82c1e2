package org.cgp.validator;

import org.cgp.scoring.EmitWeights;

/**
 * One attempt to set weights, as {@link WeightSetter} tells its listeners (the store, the
 * metrics): set directly, committed timelocked (the subnet has commit-reveal on), or failed with
 * the chain's error. {@code weights} is null for a failure.
 */
public record WeightsEvent(Outcome outcome, int netuid, String validatorHotkey, long block, EmitWeights weights, String error) {
    public enum Outcome {
        SET, COMMITTED, FAILED;

        /** The label in metrics and the store's {@code mode} column. */
        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
