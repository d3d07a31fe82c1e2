package org.cgp.protocol.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgSynapseTest {
    static final String BIG = "102915250832439830165876384341137849342";

    @Test
    void aSeedPacketKeepsItsGuidExactBothWays() throws Exception {
        String body = "{\"name\":\"CgSynapse\",\"timeout\":12.0,\"cgp_input\":[{\"guid\":" + BIG
                + ",\"window_idx\":3,\"lines\":[[0,\"hello , how are you ?\"],[1,\"\"]]}]}";
        CgSynapse s = WireJson.mapper().readValue(body, CgSynapse.class);
        WindowPacket w = s.window();
        assertThat(w.guid().value()).isEqualTo(BIG);
        assertThat(w.windowIdx()).isEqualTo(3);
        assertThat(w.lines()).containsExactly(new Line(0, "hello , how are you ?"), new Line(1, ""));
        JsonNode back = WireJson.mapper().readTree(WireJson.mapper().writeValueAsString(s));
        assertThat(back.path("cgp_input").get(0).path("guid").isBigInteger() || back.path("cgp_input").get(0).path("guid").isIntegralNumber()).isTrue();
        assertThat(back.path("cgp_input").get(0).path("guid").bigIntegerValue().toString()).isEqualTo(BIG);
        assertThat(back.path("cgp_input").get(0).path("lines").get(0).isArray()).isTrue();
    }

    @Test
    void aTaskPacketGivesItsWindow() throws Exception {
        String body = """
                {"cgp_input": [{"task": {"mode": "validator", "guid": "HIDDEN", "type": "conversation_tagging",
                  "input": {"guid": "HIDDEN", "input_type": "conversation",
                            "data": {"window_idx": -1, "window": [[0, "i play guitar"], [1, "nice, jazz?"]], "participants": []}}}}]}""";
        WindowPacket w = WireJson.mapper().readValue(body, CgSynapse.class).window();
        assertThat(w.guid()).isEqualTo(Guid.HIDDEN);
        assertThat(w.windowIdx()).isEqualTo(-1);
        assertThat(w.lines()).extracting(Line::text).containsExactly("i play guitar", "nice, jazz?");
    }

    @Test
    void requestsWithoutAWindowAreRefusedWithAReason() throws Exception {
        assertThatThrownBy(() -> WireJson.mapper().readValue("{\"cgp_input\": []}", CgSynapse.class).window())
                .isInstanceOf(InvalidSynapseException.class).hasMessageContaining("cgp_input is missing or empty");
        assertThatThrownBy(() -> WireJson.mapper().readValue("{\"cgp_input\": [{\"guid\": 1}]}", CgSynapse.class).window())
                .isInstanceOf(InvalidSynapseException.class).hasMessageContaining("neither 'lines' nor 'task'");
        assertThatThrownBy(() -> WireJson.mapper().readValue("{\"cgp_input\": [{\"task\": {\"mode\": \"validator\", \"type\": \"survey_tagging\", "
                + "\"input\": {\"guid\": \"g\", \"input_type\": \"survey\", \"data\": {\"comment\": \"fine\"}}}}]}", CgSynapse.class).window())
                .isInstanceOf(InvalidSynapseException.class).hasMessage("a survey_tagging task carries no conversation window");
        assertThatThrownBy(() -> WireJson.mapper().readValue("{\"cgp_input\": [{\"task\": {\"mode\": \"validator\", \"type\": \"conversation_tagging\", "
                + "\"input\": {\"guid\": \"g\", \"input_type\": \"conversation\", \"data\": {\"window\": [[\"x\"]]}}}}]}",
                CgSynapse.class).window())
                .isInstanceOf(InvalidSynapseException.class).hasMessage("task.input.data.window[0] must be [speaker_index, text]");
    }

    @Test
    void theOutputIsTheShapeValidatorsRead() throws Exception {
        CgSynapse s = CgSynapse.request(new WindowPacket(Guid.of("7"), 0, List.of(new Line(0, "hi"))), 12)
                .withOutput(new MinerOutput(List.of("hurricane", "navy"), Map.of("navy", new TagVector(new float[] {0.5f, -0.25f})),
                        List.of(new ParticipantProfile("p1", List.of("sailing"), List.of(), List.of("calm")))));
        JsonNode out = WireJson.mapper().readTree(WireJson.mapper().writeValueAsString(s)).path("cgp_output").get(0);
        assertThat(out.path("tags").toString()).isEqualTo("[\"hurricane\",\"navy\"]");
        assertThat(out.path("vectors").path("navy").path("vectors").toString()).isEqualTo("[0.5,-0.25]");
        assertThat(out.path("profiles").get(0).path("personality_traits").get(0).asText()).isEqualTo("calm");
        CgSynapse parsed = WireJson.mapper().treeToValue(WireJson.mapper().readTree(WireJson.mapper().writeValueAsString(s)), CgSynapse.class);
        assertThat(parsed.output().vectors().get("navy").vectors()).containsExactly(0.5f, -0.25f);
        assertThat(parsed.name()).isEqualTo("CgSynapse");
        assertThat(parsed.timeout()).isEqualTo(12.0);
    }
}
