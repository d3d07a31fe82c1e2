package org.cgp.miner;

import java.util.Optional;
import java.util.function.Supplier;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.protocol.axon.Blacklist;
import org.cgp.protocol.axon.Priority;

/**
 * Who may call this miner: registered hotkeys (unless non-registered callers are
 * allowed), with a validator permit when that is forced, with at least the minimum stake. Also
 * gives a caller's priority: its stake.
 */
public final class MinerBlacklist implements Blacklist, Priority {
    private final Supplier<Metagraph> metagraph;
    private final boolean allowNonRegistered;
    private final boolean forceValidatorPermit;
    private final double minStake;

    public MinerBlacklist(Supplier<Metagraph> metagraph, boolean allowNonRegistered, boolean forceValidatorPermit, double minStake) {
        this.metagraph = metagraph;
        this.allowNonRegistered = allowNonRegistered;
        this.forceValidatorPermit = forceValidatorPermit;
        this.minStake = minStake;
    }

    @Override public Optional<String> reject(String callerHotkey) {
        if (callerHotkey == null || callerHotkey.isBlank()) return Optional.of("Missing dendrite or hotkey");
        Optional<Neuron> caller = metagraph.get().byHotkey(callerHotkey);
        if (caller.isEmpty()) {
            return allowNonRegistered ? Optional.empty() : Optional.of("Unrecognized hotkey");
        }
        if (forceValidatorPermit && !caller.get().validatorPermit()) return Optional.of("Non-validator hotkey");
        if (caller.get().stake() < minStake) return Optional.of("Stake below " + minStake + " TAO");
        return Optional.empty();
    }

    @Override public double of(String callerHotkey) {
        return metagraph.get().byHotkey(callerHotkey).map(Neuron::stake).orElse(0.0);
    }
}
