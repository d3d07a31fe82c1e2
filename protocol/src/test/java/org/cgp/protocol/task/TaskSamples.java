package org.cgp.protocol.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cgp.protocol.synapse.WireJson;

/**
 * Task packets for tests: one of each type written here in the live shape, and the live requests
 * of {@code shared/data/head-tasks/} beside the repository when they are there.
 */
public final class TaskSamples {
    public static final String HEAD_TASKS = "shared/data/head-tasks";

    private TaskSamples() {}

    public static ObjectNode conversation(String categories) {
        return parse("""
                {"mode": "validator", "api_version": 1.4, "guid": "HIDDEN", "bundle_guid": "HIDDEN",
                 "type": "conversation_tagging", "scoring_mechanism": "ground_truth_tag_similarity_scoring",
                 "input": {"guid": "HIDDEN", "input_type": "conversation",
                   "data": {"window_idx": -1, "window": [
                     [0, "i am worried about the hurricane heading for florida"],
                     [1, "do you have family there?"],
                     [0, "my father. i work for the navy, seventeen years at sea"],
                     [1, "that sounds scary. i mostly go swimming at the lake to relax"],
                     [0, "swimming is great, i used to swim competitively in college"]], "participants": []},
                   "input_categories": %s},
                 "prompt_chain": [{"step": 0, "id": "12346546888", "crc": 1321321, "title": "t", "name": "n",
                   "description": "example", "type": "inference", "input_path": "conversation",
                   "prompt_template": "Return comma-delimited tags.", "output_variable": "final_output", "output_type": "List[str]"}],
                 "example_output": {"tags": ["guitar", "barn"], "type": "List[str]"}}
                """.formatted(categories));
    }

    public static ObjectNode webpage() {
        return parse("""
                {"mode": "validator", "api_version": 1.4, "guid": "HIDDEN", "bundle_guid": "HIDDEN",
                 "type": "webpage_metadata_generation", "scoring_mechanism": "ground_truth_tag_similarity_scoring",
                 "input": {"guid": "HIDDEN", "input_type": "webpage_markdown",
                   "data": {"window": [
                     [0, "# Heat pumps explained\\nA **heat pump** moves heat from outdoor air into your home. [Read more](https://example.org/x)\\n\\nAir source heat pumps cut heating bills and carbon emissions compared with gas boilers."],
                     [0, "How air source heat pumps work\\nHeat pumps use a refrigerant cycle to move heat, even in cold weather."],
                     [1, "Heat pump grants and rebates\\nGovernment grants cover part of the installation cost of a heat pump."]],
                   "participants": []},
                   "input_categories": ["general"]},
                 "prompt_chain": null, "example_output": {"tags": ["artificial intelligence"], "type": "List[str]"}}
                """);
    }

    public static ObjectNode survey(String comment) {
        ObjectNode n = parse("""
                {"mode": "validator", "api_version": 1.4, "guid": "HIDDEN", "bundle_guid": "HIDDEN",
                 "type": "survey_tagging", "scoring_mechanism": "ground_truth_tag_similarity_scoring",
                 "input": {"guid": "HIDDEN", "input_type": "survey",
                   "data": {"survey_question": "Why did you cancel your gym membership?", "comment": ""}},
                 "prompt_chain": null, "example_output": null}
                """);
        ((ObjectNode) n.path("input").path("data")).put("comment", comment);
        return n;
    }

    public static ObjectNode namedEntities() {
        return parse("""
                {"mode": "validator", "api_version": 1.4, "guid": "HIDDEN", "bundle_guid": "HIDDEN",
                 "type": "named_entities_extraction", "scoring_mechanism": "no_penalty_ground_truth_tag_similarity_scoring",
                 "input": {"guid": "HIDDEN", "input_type": "document",
                   "data": {"window_idx": -1, "window": [
                     [0, "[00:00:01] Mayor Adams proposed an amendment to Local Law 55 regarding the Downtown Grant. The City Council will vote on the $2.5 million budget for the Brooklyn Bridge Park project."],
                     [0, "Local Law 55 of 2024\\nAn amendment to the New York City administrative code proposed by Mayor Eric Adams."]],
                   "participants": null}},
                 "prompt_chain": null, "example_output": {"tags": ["Mayor Adams", "Local Law 55"], "type": "List[str]"}}
                """);
    }

    /** The {@code task} of a live request in head-tasks/, when the folder is beside the repository. */
    public static Optional<JsonNode> headTask(String type) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path f = dir.resolve(HEAD_TASKS).resolve(type + ".json");
            if (Files.isRegularFile(f)) {
                try {
                    return Optional.of(WireJson.mapper().readTree(f.toFile()).path("body").path("cgp_input").get(0).path("task"));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + f + ": " + e.getMessage(), e);
                }
            }
        }
        return Optional.empty();
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) WireJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
