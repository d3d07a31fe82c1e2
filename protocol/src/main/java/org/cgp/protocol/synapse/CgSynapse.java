package org.cgp.protocol.synapse;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The CGP synapse as the Python SDK's {@code model_dump()} writes it: the Bittensor base fields in
 * their order, then {@code cgp_input} (required, one element) and {@code cgp_output} (set by the
 * miner). The route name is {@value #NAME}.
 */
@JsonPropertyOrder({"name", "timeout", "total_size", "header_size", "dendrite", "axon", "computed_body_hash",
        "cgp_input", "cgp_output", "time_elapsed"})
public record CgSynapse(
        String name,
        Double timeout,
        @JsonProperty("total_size") Long totalSize,
        @JsonProperty("header_size") Long headerSize,
        TerminalInfo dendrite,
        TerminalInfo axon,
        @JsonProperty("computed_body_hash") String computedBodyHash,
        @JsonProperty("cgp_input") List<CgInput> cgpInput,
        @JsonProperty("cgp_output") List<MinerOutput> cgpOutput,
        @JsonProperty("time_elapsed") Integer timeElapsed) implements Synapse<CgSynapse> {

    public static final String NAME = "CgSynapse";
    /** Seconds a miner has to answer: the live validators' {@code --neuron.timeout}, the one place it is defined. */
    public static final double DEFAULT_TIMEOUT_SECONDS = 12.0;

    public CgSynapse {
        name = NAME;
        timeout = timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout;
        totalSize = totalSize == null ? 0L : totalSize;
        headerSize = headerSize == null ? 0L : headerSize;
        dendrite = dendrite == null ? TerminalInfo.EMPTY : dendrite;
        axon = axon == null ? TerminalInfo.EMPTY : axon;
        computedBodyHash = computedBodyHash == null ? "" : computedBodyHash;
        cgpInput = cgpInput == null ? null : List.copyOf(cgpInput);
        cgpOutput = cgpOutput == null ? null : List.copyOf(cgpOutput);
        timeElapsed = timeElapsed == null ? 0 : timeElapsed;
    }

    /** A request carrying one window, as a validator sends it. */
    public static CgSynapse request(WindowPacket window, double timeoutSeconds) {
        return new CgSynapse(NAME, timeoutSeconds, 0L, 0L, null, null, "", List.of(CgInput.of(window)), null, 0);
    }

    /** A request carrying one task packet, as the live validators send it. */
    public static CgSynapse request(org.cgp.protocol.task.Task task, double timeoutSeconds) {
        return new CgSynapse(NAME, timeoutSeconds, 0L, 0L, null, null, "", List.of(CgInput.of(task)), null, 0);
    }

    /** The window this request carries; throws {@link InvalidSynapseException} when missing. */
    public WindowPacket window() {
        return input().window();
    }

    /** The first element of {@code cgp_input}; throws {@link InvalidSynapseException} when missing. */
    public CgInput input() {
        if (cgpInput == null || cgpInput.isEmpty()) throw new InvalidSynapseException("cgp_input is missing or empty");
        CgInput first = cgpInput.get(0);
        if (first == null) throw new InvalidSynapseException("cgp_input[0] is null");
        return first;
    }

    @Override public CgSynapse withTerminals(TerminalInfo axon, TerminalInfo dendrite) {
        return new CgSynapse(name, timeout, totalSize, headerSize, dendrite, axon, computedBodyHash, cgpInput, cgpOutput, timeElapsed);
    }

    public CgSynapse withOutput(MinerOutput output) {
        return new CgSynapse(name, timeout, totalSize, headerSize, dendrite, axon, computedBodyHash, cgpInput,
                List.of(output), timeElapsed);
    }

    /** The first output, or null when the miner returned none. */
    public MinerOutput output() {
        return cgpOutput == null || cgpOutput.isEmpty() ? null : cgpOutput.get(0);
    }
}
