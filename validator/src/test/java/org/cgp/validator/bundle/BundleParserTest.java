package org.cgp.validator.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.task.TaskType;
import org.cgp.protocol.testing.Peers237;
import org.junit.jupiter.api.Test;

class BundleParserTest {
    static JsonNode json(String s) throws Exception { return WireJson.mapper().readTree(s); }

    static ObjectNode bundle(String type, String inputType, String line0) throws Exception {
        ObjectNode b = (ObjectNode) json("""
                {"mode": "validator", "api_version": 1.4, "guid": 3300000001, "type": "%s",
                 "scoring_mechanism": "ground_truth_tag_similarity_scoring",
                 "input": {"input_type": "%s", "guid": "3300000001", "data": {"participants": [], "total": 1, "lines": [[0, ""]]}},
                 "prompt_chain": null, "example_output": null}""".formatted(type, inputType));
        ((ArrayNode) b.path("input").path("data").path("lines").get(0)).set(1, WireJson.mapper().getNodeFactory().textNode(line0));
        return b;
    }

    @Test
    void readsEveryBundleOfTheKitByType() throws Exception {
        assumeTrue(Peers237.kit().isPresent(), "SKIP: ../shared/peers/cgp-2.37 not found beside the repository");
        for (TaskType t : TaskType.values()) {
            for (Path f : Peers237.inputs(t.wire())) {
                TaskBundle b = BundleParser.parse(WireJson.mapper().readTree(f.toFile()));
                assertThat(b.type()).as(f.toString()).isEqualTo(t);
                assertThat(b.guid()).isNotBlank();
                if (b instanceof ConversationBundle c) assertThat(c.lines()).as("the short user request has 5").hasSizeGreaterThanOrEqualTo(5);
                if (b instanceof WebpageBundle w) assertThat(w.markdown()).isNotBlank();
                if (b instanceof WebpageBundle w) assertThat(w.searchResults()).isNotEmpty();
                if (b instanceof SurveyBundle s) assertThat(s.selectedChoices()).isNotEmpty().isSubsetOf(s.possibleChoices());
                if (b instanceof NamedEntitiesBundle n) assertThat(n.transcript()).isNotBlank();
            }
        }
    }

    @Test
    void readsEachDocumentShapeAndCoercesNumericGuids() throws Exception {
        SurveyBundle s = (SurveyBundle) BundleParser.parse(bundle("survey_tagging", "survey",
                "{\"survey_question\": \"Why?\", \"comment\": \"Too crowded.\", \"possible_choices\": [\"Too crowded\", \"Price\"], \"selected_choices\": [\"Too crowded\"]}"));
        assertThat(s.guid()).isEqualTo("3300000001");
        assertThat(s.selectedChoices()).containsExactly("Too crowded");
        WebpageBundle w = (WebpageBundle) BundleParser.parse(bundle("webpage_metadata_generation", "webpage_markdown",
                "{\"website_markdown\": \"# Page\", \"enrichment\": {\"search_results\": {\"q1\": [{\"title\": \"T\", \"snippet\": \"S\"}], \"q2\": []}}}"));
        assertThat(w.searchResults()).extracting(SearchQuery::query).containsExactly("q1", "q2");
        assertThat(w.searchResults().get(0).results().get(0).text()).isEqualTo("T\nS");
        NamedEntitiesBundle n = (NamedEntitiesBundle) BundleParser.parse(bundle("named_entities_extraction", "document",
                "{\"transcript_text\": \"Mayor Adams spoke.\"}"));
        assertThat(n.searchResults()).isEmpty();
        ConversationBundle legacy = (ConversationBundle) BundleParser.parse(json("{\"guid\": 5, \"participants\": [\"\\\"A\\\"\"], \"lines\": [[0, \"hi\"]]}"));
        assertThat(legacy.participants()).containsExactly("A");
    }

    @Test
    void unusableBundlesNameTheirGuidAndTheProblem() throws Exception {
        assertError(bundle("audio_tagging", "audio", "x"), "bundle 3300000001: unknown bundle type 'audio_tagging'");
        assertError(bundle("webpage_metadata_generation", "webpage_markdown", "# not json"), "bundle 3300000001: line 0 is not JSON");
        assertError(bundle("survey_tagging", "survey", "{\"survey_question\": \"q\", \"comment\": \"c\", \"selected_choices\": []}"),
                "bundle 3300000001: the survey has no selected_choices (its ground truth)");
        assertError(bundle("survey_tagging", "survey", "{\"survey_question\": \"q\", \"selected_choices\": [\"a\"]}"),
                "bundle 3300000001: comment is missing or empty");
        assertError(bundle("named_entities_extraction", "document", "{}"), "bundle 3300000001: transcript_text is missing or empty");
        ObjectNode empty = bundle("conversation_tagging", "conversation", "x");
        ((ObjectNode) empty.path("input").path("data")).putArray("lines");
        assertError(empty, "bundle 3300000001: input.data.lines is missing or empty");
        ObjectNode noInput = bundle("conversation_tagging", "conversation", "x");
        noInput.remove("input");
        assertError(noInput, "bundle 3300000001: input is missing");
        assertError(json("{\"type\": \"survey_tagging\"}"), "bundle: no guid");
        assertThatThrownBy(() -> BundleParser.parse(json("[]"))).hasMessage("bundle: the answer is not a JSON object");
    }

    private static void assertError(JsonNode b, String message) {
        assertThatThrownBy(() -> BundleParser.parse(b)).isInstanceOf(BundleFormatException.class).hasMessage(message);
    }
}
