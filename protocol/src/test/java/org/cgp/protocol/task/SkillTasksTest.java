package org.cgp.protocol.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.synapse.SectionTest;
import org.cgp.protocol.synapse.WireJson;
import org.junit.jupiter.api.Test;

/** The task types of CGP 2.35-2.37 as the live validators mask them, and the skill-coverage answer. */
class SkillTasksTest {
    private static ObjectNode task(String type, String inputType, String data) {
        return TaskSamples.parse("""
                {"mode": "validator", "api_version": 1.4, "guid": "HIDDEN", "bundle_guid": "HIDDEN", "type": "%s",
                 "scoring_mechanism": "x", "input": {"guid": "HIDDEN", "input_type": "%s", "data": %s, "input_categories": ["coding"]},
                 "prompt_chain": null, "example_output": null}""".formatted(type, inputType, data));
    }

    @Test
    void skillGenerationCoverageAndEnrichedConversationsParseAndRoundTrip() {
        Task g = TaskCodec.parse(task("skill_generation", "skill", "{\"window\": [[0, \"# Bisect\\nUse git bisect.\"]], \"participants\": []}"));
        assertThat(g).isInstanceOfSatisfying(SkillGenerationTask.class, t -> assertThat(t.markdown()).startsWith("# Bisect"));
        Task k = TaskCodec.parse(task("skill_coverage_evaluation", "skill_coverage", """
                {"seed": "Write a skill for slugs.", "section_map": [{"section_id": "core", "title": "Core", "description": "Lowercase."},
                 {"section_id": "errors", "title": "Errors", "description": "Empty input."}]}"""));
        assertThat(k).isInstanceOfSatisfying(SkillCoverageTask.class, t -> {
            assertThat(t.seed()).isEqualTo("Write a skill for slugs.");
            assertThat(t.sectionMap()).extracting(SkillSection::sectionId).containsExactly("core", "errors");
        });
        Task c = TaskCodec.parse(task("conversation_tagging", "conversation",
                "{\"window_idx\": -1, \"window\": [[0, \"hi\"]], \"participants\": [], \"enrichment_lines\": [[0, \"Title\\nsnippet\"]]}"));
        assertThat(((ConversationTask) c).enrichments()).containsExactly("Title\nsnippet");
        for (Task t : List.of(g, k, c)) assertThat(TaskCodec.parse(TaskCodec.write(t))).isEqualTo(t);
        assertThat(((ConversationTask) TaskCodec.parse(task("conversation_tagging", "conversation",
                "{\"window\": [[0, \"hi\"]], \"enrichment_lines\": null}"))).enrichments()).isEmpty();
    }

    @Test
    void aBadSectionMapNamesTheField() {
        assertThatThrownBy(() -> TaskCodec.parse(task("skill_coverage_evaluation", "skill_coverage", "{\"seed\": \"s\"}")))
                .hasMessage("task.input.data.section_map is missing");
        assertThatThrownBy(() -> TaskCodec.parse(task("skill_coverage_evaluation", "skill_coverage",
                "{\"seed\": \"s\", \"section_map\": [{\"section_id\": \"a\"}, {\"section_id\": \"a\"}]}")))
                .hasMessage("task.input.data.section_map[1].section_id must be a unique, non-empty id");
        assertThatThrownBy(() -> TaskCodec.parse(task("skill_coverage_evaluation", "skill_coverage", "{\"section_map\": []}")))
                .hasMessage("task.input.data.seed is missing");
        assertThatThrownBy(() -> TaskCodec.parse(task("conversation_tagging", "conversation", "{\"window\": [], \"enrichment_lines\": [\"x\"]}")))
                .hasMessage("task.input.data.enrichment_lines[0] must be [speaker_index, text]");
    }

    @Test
    void aSkillBundleAnswerHasTheLiveShapeAndNoTags() throws Exception {
        MinerOutput out = MinerOutput.skillBundle("# Skill", "plan", java.util.Map.of("core",
                List.of(new SectionTest("test_core", "Core works on a slug", "slugify(\"A B\") == \"a-b\""))));
        var json = WireJson.mapper().valueToTree(out);
        assertThat(json.has("tags")).as("a skill answer carries no tag list").isFalse();
        assertThat(json.path("skill").asText()).isEqualTo("# Skill");
        assertThat(json.path("tdd_plan").asText()).isEqualTo("plan");
        assertThat(json.path("section_tests").path("core").get(0).path("assertion").asText()).isEqualTo("slugify(\"A B\") == \"a-b\"");
        MinerOutput tags = new MinerOutput(List.of("sailing"), null, null);
        var tagJson = WireJson.mapper().valueToTree(tags);
        assertThat(tagJson.has("skill")).isFalse();
        assertThat(tagJson.path("tags").get(0).asText()).isEqualTo("sailing");
        assertThat(tagJson.has("vectors")).as("a tagging answer keeps its vectors field").isTrue();
        assertThat(WireJson.mapper().treeToValue(json, MinerOutput.class)).isEqualTo(out);
        assertThat(new Line(0, "x").text()).isEqualTo("x");
    }
}
