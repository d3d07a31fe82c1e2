package org.cgp.chain.internal.subtensor;

import java.math.BigInteger;

/**
 * One element of {@code NeuronInfoRuntimeApi_get_neurons_lite}, field for field. u16 scores are raw
 * (0..65535); {@code stakeRao} is the sum of the stake entries.
 */
public record NeuronInfoLite(byte[] hotkey, byte[] coldkey, int uid, int netuid, boolean active,
                             long axonBlock, long axonVersion, BigInteger axonIp, int axonPort, int axonIpType, int axonProtocol,
                             long stakeRao, int rank, long emission, int incentive, int consensus, int trust,
                             int validatorTrust, int dividends, long lastUpdate, boolean validatorPermit, int pruningScore) {}
