package org.cgp.protocol.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskCodecTest {
    @ParameterizedTest
    @ValueSource(strings = {"conversation_tagging", "webpage_metadata_generation", "survey_tagging", "named_entities_extraction"})
    void parsesTheLiveRequestOfEachTypeAndWritesItBackUnchanged(String type) throws Exception {
        Optional<JsonNode> live = TaskSamples.headTask(type);
        assumeTrue(live.isPresent(), "SKIP: ../shared/data/head-tasks/" + type + ".json not found beside the repository");
        Task task = TaskCodec.parse(live.get());
        assertThat(task.type().wire()).isEqualTo(type);
        assertThat(task.envelope().guid()).isEqualTo("HIDDEN");
        assertThat(json(TaskCodec.write(task))).as("same fields, same order").isEqualTo(json(live.get()));
    }

    @Test
    void readsEachTypedView() {
        ConversationTask c = (ConversationTask) TaskCodec.parse(TaskSamples.conversation("[\"coding\"]"));
        assertThat(c.windowIdx()).isEqualTo(-1);
        assertThat(c.window()).hasSize(5).first().isEqualTo(new Line(0, "i am worried about the hurricane heading for florida"));
        assertThat(c.participants()).isEmpty();
        assertThat(c.isCoding()).isTrue();
        assertThat(c.envelope().promptChain()).singleElement().satisfies(s -> {
            assertThat(s.crc()).isEqualTo(1321321L);
            assertThat(s.inputPath()).isEqualTo("conversation");
        });

        WebpageTask w = (WebpageTask) TaskCodec.parse(TaskSamples.webpage());
        assertThat(w.markdown()).startsWith("# Heat pumps explained");
        assertThat(w.results()).hasSize(2).allSatisfy(r -> assertThat(r).contains("\n"));
        assertThat(w.isCoding()).isFalse();

        SurveyTask s = (SurveyTask) TaskCodec.parse(TaskSamples.survey("Too expensive and always crowded."));
        assertThat(s.question()).startsWith("Why did you cancel");
        assertThat(s.comment()).isEqualTo("Too expensive and always crowded.");

        NamedEntitiesTask n = (NamedEntitiesTask) TaskCodec.parse(TaskSamples.namedEntities());
        assertThat(n.transcript()).contains("Mayor Adams");
        assertThat(n.enrichments()).singleElement().asString().startsWith("Local Law 55 of 2024");
        assertThat(n.envelope().input().inputCategories()).isNull();
    }

    @Test
    void tasksMadeInCodeParseBackToThemselves() {
        List<Line> w = List.of(new Line(0, "# page"), new Line(0, "title\nsnippet"));
        for (Task t : List.<Task>of(Tasks.conversation("HIDDEN", "HIDDEN", -1, w, List.of(), List.of("coding")),
                Tasks.webpage("7", "8", w, null), Tasks.survey("HIDDEN", "HIDDEN", "why?", "because"),
                Tasks.namedEntities("HIDDEN", "HIDDEN", -1, w))) {
            assertThat(TaskCodec.parse(TaskCodec.write(t))).isEqualTo(t);
        }
    }

    @Test
    void guidsAreStringsAndNumbersAreCoercedAsTheLiveForceStr() {
        ObjectNode t = TaskSamples.survey("fine");
        t.put("guid", 1616465465L);
        t.put("bundle_guid", "  xyz  ");
        Task task = TaskCodec.parse(t);
        assertThat(task.envelope().guid()).isEqualTo("1616465465");
        assertThat(task.envelope().bundleGuid()).isEqualTo("xyz");
        t.put("guid", "   ");
        assertThatThrownBy(() -> TaskCodec.parse(t)).isInstanceOf(TaskFormatException.class).hasMessage("task.guid must not be empty");
    }

    @Test
    void unknownFieldsAreKeptAndWrittenBack() {
        ObjectNode t = TaskSamples.conversation("null");
        t.put("future_field", 7);
        ((ObjectNode) t.path("input")).putObject("hint").put("x", 1);
        ((ObjectNode) t.path("input").path("data")).put("language", "en");
        JsonNode out = TaskCodec.write(TaskCodec.parse(t));
        assertThat(out.path("future_field").asInt()).isEqualTo(7);
        assertThat(out.path("input").path("hint").path("x").asInt()).isEqualTo(1);
        assertThat(out.path("input").path("data").path("language").asText()).isEqualTo("en");
        assertThat(out.path("input").has("input_categories")).isTrue();
        assertThat(json(out)).isEqualTo(json(t));
    }

    @Test
    void aTaskPacketRidesInTheSynapseAndComesBack() throws Exception {
        Task task = TaskCodec.parse(TaskSamples.webpage());
        CgSynapse request = CgSynapse.request(task, 12);
        CgSynapse back = WireJson.mapper().readValue(WireJson.mapper().writeValueAsBytes(request), CgSynapse.class);
        assertThat(back.input().isTaskPacket()).isTrue();
        assertThat(back.input().parsedTask()).isEqualTo(task);
    }

    @Test
    void badPacketsNameTheFieldAndNeverQuoteTheText() {
        assertError("{}", "task.type is missing");
        assertError("[1]", "task must be a JSON object");
        ObjectNode t = TaskSamples.conversation("null");
        t.put("type", "audio_tagging\u0000" + "x".repeat(500));
        assertThatThrownBy(() -> TaskCodec.parse(t)).isInstanceOf(TaskFormatException.class)
                .hasMessageStartingWith("unknown task type 'audio_tagging?xxxx").hasMessageContaining("...'; this miner mines")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        ObjectNode noMode = TaskSamples.survey("x");
        noMode.remove("mode");
        assertThatThrownBy(() -> TaskCodec.parse(noMode)).hasMessage("task.mode is missing");
        ObjectNode wrongInput = TaskSamples.survey("x");
        ((ObjectNode) wrongInput.path("input")).put("input_type", "conversation");
        assertThatThrownBy(() -> TaskCodec.parse(wrongInput)).hasMessage("task.input.input_type must be 'survey' for survey_tagging, got 'conversation'");
        ObjectNode badLine = TaskSamples.conversation("null");
        ((com.fasterxml.jackson.databind.node.ArrayNode) badLine.path("input").path("data").path("window")).addArray().add("zero").add("text");
        assertThatThrownBy(() -> TaskCodec.parse(badLine)).hasMessage("task.input.data.window[5][0] must be an integer >= 0");
        ObjectNode badText = TaskSamples.conversation("null");
        ((com.fasterxml.jackson.databind.node.ArrayNode) badText.path("input").path("data").path("window")).addArray().add(1).add(5);
        assertThatThrownBy(() -> TaskCodec.parse(badText)).hasMessage("task.input.data.window[5][1] must be a string");
        ObjectNode noData = TaskSamples.webpage();
        ((ObjectNode) noData.path("input")).remove("data");
        assertThatThrownBy(() -> TaskCodec.parse(noData)).hasMessage("task.input.data must be a JSON object");
        ObjectNode noWindow = TaskSamples.webpage();
        ((ObjectNode) noWindow.path("input").path("data")).remove("window");
        assertThatThrownBy(() -> TaskCodec.parse(noWindow)).hasMessage("task.input.data.window is missing");
        ObjectNode badCategories = TaskSamples.conversation("\"coding\"");
        assertThatThrownBy(() -> TaskCodec.parse(badCategories)).hasMessage("task.input.input_categories must be a list of strings");
        ObjectNode badComment = TaskSamples.survey("x");
        ((ObjectNode) badComment.path("input").path("data")).putArray("comment");
        assertThatThrownBy(() -> TaskCodec.parse(badComment)).hasMessage("task.input.data.comment must be a string");
    }

    private static String json(JsonNode n) {
        try {
            return WireJson.mapper().writeValueAsString(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertError(String json, String message) {
        assertThatThrownBy(() -> TaskCodec.parse(WireJson.mapper().readTree(json))).isInstanceOf(TaskFormatException.class).hasMessage(message);
    }
}
