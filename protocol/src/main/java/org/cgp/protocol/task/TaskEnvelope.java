package org.cgp.protocol.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.cgp.protocol.synapse.Guid;

/**
 * The fields every task packet has, whatever its type: {@code mode, api_version, guid,
 * bundle_guid, type, scoring_mechanism, input, prompt_chain, example_output}. Guids are strings
 * (numbers coerced, as the live code's ForceStr does). Top-level fields this version does not know
 * are kept in {@code extra} and written back after the known ones.
 */
public record TaskEnvelope(String mode, Double apiVersion, String guid, String bundleGuid, TaskType type,
                           String scoringMechanism, TaskInput input, List<PromptStep> promptChain,
                           ExampleOutput exampleOutput, Map<String, JsonNode> extra) {
    /** The live default of {@code api_version}. */
    public static final double API_VERSION = 1.4;
    /** What a masked task says in place of every guid. */
    public static final String HIDDEN = Guid.HIDDEN.value();

    public TaskEnvelope {
        promptChain = promptChain == null ? null : List.copyOf(promptChain);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public TaskEnvelope withInput(TaskInput newInput) {
        return new TaskEnvelope(mode, apiVersion, guid, bundleGuid, type, scoringMechanism, newInput, promptChain, exampleOutput, extra);
    }

    public TaskEnvelope withGuids(String newGuid, String newBundleGuid) {
        return new TaskEnvelope(mode, apiVersion, newGuid, newBundleGuid, type, scoringMechanism, input, promptChain, exampleOutput, extra);
    }
}
