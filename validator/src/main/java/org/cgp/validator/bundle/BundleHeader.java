package org.cgp.validator.bundle;

import java.util.List;
import org.cgp.protocol.task.ExampleOutput;
import org.cgp.protocol.task.PromptStep;
import org.cgp.protocol.task.TaskType;

/**
 * The fields every bundle has: its guid (a string; numbers coerced), type, the task fields it passes
 * on to its tasks ({@code mode}, {@code api_version}, {@code scoring_mechanism}, the prompt chain,
 * the example output), its input's guid, type and categories, and whether a user asked for it
 * ({@code is_user_request}, CGP 2.30.66: such a conversation skips the quality gate and the window
 * minimum, a web page or skill document the window minimum).
 */
public record BundleHeader(String guid, TaskType type, String mode, Double apiVersion, String scoringMechanism,
                           String inputGuid, List<String> inputCategories, List<PromptStep> promptChain,
                           ExampleOutput exampleOutput, boolean userRequest) {
    public BundleHeader {
        inputCategories = inputCategories == null ? null : List.copyOf(inputCategories);
        promptChain = promptChain == null ? null : List.copyOf(promptChain);
    }

    /** A bundle no user asked for. */
    public BundleHeader(String guid, TaskType type, String mode, Double apiVersion, String scoringMechanism, String inputGuid,
                        List<String> inputCategories, List<PromptStep> promptChain, ExampleOutput exampleOutput) {
        this(guid, type, mode, apiVersion, scoringMechanism, inputGuid, inputCategories, promptChain, exampleOutput, false);
    }
}
