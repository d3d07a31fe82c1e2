package org.cgp.validator.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.task.Task;
import org.cgp.protocol.task.Tasks;
import org.junit.jupiter.api.Test;

class RecordsTest {
    private final Records records = new Records("test", "offline", "minilm", "offline", "2.30.65", 33);

    @Test
    void aFloodOfTagsIsCappedInTheRecordAndSaysSo() throws Exception {
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) flood.add("tag " + i + " " + "x".repeat(i == 0 ? 1_000_000 : 10));
        Task task = Tasks.conversation("t-1", "b-1", 3, List.of(new Line(0, "hi")), List.of(), null);
        RecordPayload p = records.answer("b-1", task, "5Miner", 4, List.of("kept"), List.of(new float[] {0.5f}), flood,
                new RecordData.Score(200, 0.4, 0.4, 0.4, null), 1234567);
        JsonNode result = WireJson.mapper().valueToTree(p).path("data").path("result");
        assertThat(result.path("original_tags").size()).isEqualTo(Records.MAX_RECORDED_TAGS);
        assertThat(result.path("original_tags").get(0).asText()).hasSize(Records.MAX_RECORDED_TAG_CHARS + 3);
        assertThat(result.path("original_tags_truncated").asBoolean()).isTrue();
        assertThat(result.path("original_tag_count").asInt()).isEqualTo(10_000);
        assertThat(WireJson.mapper().writeValueAsBytes(p).length).as("the record stays small").isLessThan(20_000);
        assertThat(p.neuronType()).isEqualTo("miner");
        assertThat(p.taskId()).isEqualTo("t-1");
        assertThat(p.windowIdx()).isEqualTo(3);
        assertThat(((RecordData.Answer) p.data()).task().envelope().bundleGuid()).isEqualTo("b-1");
        assertThat(p.recordId()).isEqualTo(RecordPayload.recordId("b-1", "t-1", "5Miner", 1234567));
    }

    @Test
    void smallAnswersAreKeptWholeAndUnmarked() {
        Task task = Tasks.survey("t-2", "b-2", "why?", "because");
        RecordPayload p = records.answer("b-2", task, "5Miner", 4, List.of(), List.of(), List.of("a", "b"),
                new RecordData.Score(200, 0, 0, 0, "no tags"), 1);
        JsonNode result = WireJson.mapper().valueToTree(p).path("data").path("result");
        assertThat(result.path("original_tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(result.has("original_tags_truncated")).isFalse();
        assertThat(p.windowIdx()).isEqualTo(-1);
    }

    @Test
    void aPeersControlCharactersAndLoneSurrogatesNeverReachTheStore() {
        assertThat(Records.printable("sail\u0000ing\u0007")).isEqualTo("sail\uFFFDing\uFFFD");
        assertThat(Records.printable("x\uD800y\uDC00")).isEqualTo("x\uFFFDy\uFFFD");
        assertThat(Records.printable("caf\u00e9 \uD83D\uDE00")).as("text and paired surrogates are kept").isEqualTo("caf\u00e9 \uD83D\uDE00");
        assertThat(Records.capped(java.util.List.of("\u0000ab", "ok"))).containsExactly("\uFFFDab", "ok");
    }
}
