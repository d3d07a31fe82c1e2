package org.cgp.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cgp.llm.LiveTagFilter;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.llm.TagCleaner;
import org.cgp.protocol.axon.ForwardRefusedException;
import org.cgp.protocol.synapse.CgInput;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.synapse.WindowPacket;
import org.cgp.protocol.task.TaskSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The miner's forward function on the real offline tagger, for every task shape and every bad input. */
class TaskMinerTest {
    static final List<Line> WINDOW = List.of(
            new Line(0, "i am worried about the hurricane heading for florida"),
            new Line(1, "do you have family there?"),
            new Line(0, "my father. i work for the navy, seventeen years at sea"),
            new Line(1, "that sounds scary. i mostly go swimming at the lake to relax"),
            new Line(0, "swimming is great, i used to swim competitively in college"));

    static TaskMiner miner(MinerConfig config) {
        LlmConfig offline = LlmConfig.offline();
        return new TaskMiner(LlmProviders.chat(offline), LlmProviders.embedder(offline), config);
    }

    static TaskMiner miner() {
        return miner(MinerConfig.local(1).toBuilder().maxLines(10).maxLineChars(300).build());
    }

    static CgSynapse taskRequest(JsonNode task) {
        return new CgSynapse(null, 12.0, null, null, null, null, null, List.of(new CgInput(null, null, null, task)), null, null);
    }

    /** Every answer the live validators could see: tags in their safe form, none lost to their filter. */
    static void assertLiveKeepsEveryTag(MinerOutput o) {
        assertThat(o.tags()).isNotEmpty().hasSizeLessThanOrEqualTo(TagCleaner.MAX_TAGS).doesNotHaveDuplicates();
        assertThat(o.tags()).allSatisfy(t -> assertThat(t).matches("[a-z0-9]+( [a-z0-9]+)*").hasSizeBetween(3, 50));
        assertThat(LiveTagFilter.validateTagSet(o.tags(), LiveTagFilter::approveAll, new java.util.Random(0)))
                .containsExactlyInAnyOrderElementsOf(o.tags());
    }

    @ParameterizedTest
    @ValueSource(strings = {"conversation_tagging", "webpage_metadata_generation", "survey_tagging", "named_entities_extraction"})
    void minesTheLiveRequestOfEachType(String type) {
        Optional<JsonNode> live = TaskSamples.headTask(type);
        org.junit.jupiter.api.Assumptions.assumeTrue(live.isPresent(), "SKIP: ../shared/data/head-tasks not found beside the repository");
        MinerOutput o = miner().forward(taskRequest(live.get())).output();
        assertLiveKeepsEveryTag(o);
        assertThat(o.vectors()).as("live validators re-embed: no vectors by default").isNull();
    }

    @Test
    void minesEachTypeOfOurOwnSamples() {
        for (JsonNode task : List.<JsonNode>of(TaskSamples.conversation("[\"general\"]"), TaskSamples.webpage(),
                TaskSamples.survey("Too crowded after work and the showers were broken."), TaskSamples.namedEntities())) {
            MinerOutput o = miner().forward(taskRequest(task)).output();
            assertLiveKeepsEveryTag(o);
            assertThat(o.vectors()).isNull();
            assertThat(o.profiles()).isEmpty();
        }
        MinerOutput entities = miner().forward(taskRequest(TaskSamples.namedEntities())).output();
        assertThat(entities.tags()).contains("mayor adams", "local law 55", "downtown grant");
        MinerOutput survey = miner().forward(taskRequest(TaskSamples.survey("Too crowded after work and the showers were broken."))).output();
        assertThat(String.join(" ", survey.tags())).containsAnyOf("crowded", "showers");
    }

    @Test
    void aCodingConversationGetsAtMostTenTags() {
        MinerOutput o = miner().forward(taskRequest(TaskSamples.conversation("[\"coding\"]"))).output();
        assertLiveKeepsEveryTag(o);
        assertThat(o.tags()).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void vectorsForTaskAnswersOnlyWhenAsked() {
        MinerOutput o = miner(MinerConfig.local(1).toBuilder().embeddings(true).build())
                .forward(taskRequest(TaskSamples.conversation("null"))).output();
        assertThat(o.vectors()).containsOnlyKeys(o.tags());
        assertThat(o.vectors().values()).allSatisfy(v -> assertThat(v.vectors()).hasSize(384));
    }

    @Test
    void theSeedPacketStillWorksAndKeepsItsVectors() {
        MinerOutput o = miner().forward(CgSynapse.request(new WindowPacket(Guid.of("1"), 0, WINDOW), 12)).output();
        assertLiveKeepsEveryTag(o);
        assertThat(String.join(" ", o.tags())).containsAnyOf("hurricane", "navy", "swim");
        assertThat(o.vectors()).containsOnlyKeys(o.tags());
    }

    @Test
    void honoursTheTagCap() {
        MinerOutput o = miner(MinerConfig.local(1).toBuilder().maxTags(3).build()).forward(taskRequest(TaskSamples.webpage())).output();
        assertThat(o.tags()).hasSize(3);
    }

    @Test
    void neverAnswersAnEmptyTagList() {
        // only non-ASCII words: the live safe form would leave nothing, and an empty list fails a live validator's whole step
        ObjectNode task = TaskSamples.conversation("null");
        ArrayNode window = ((ObjectNode) task.path("input").path("data")).putArray("window");
        window.addArray().add(0).add("咖啡 音乐 电影 咖啡 音乐");
        window.addArray().add(1).add("音乐 电影 咖啡");
        assertRefused(task, "no usable tags");
        assertRefused(() -> miner().forward(CgSynapse.request(new WindowPacket(Guid.HIDDEN, -1, List.of(new Line(0, "lol ok ?? 123"))), 12)),
                "no usable tags");
    }

    @Test
    void badTasksAreRefusedWithAClearMessage() {
        ObjectNode unknown = TaskSamples.survey("fine");
        unknown.put("type", "audio_tagging");
        assertRefused(unknown, "cannot mine this task: unknown task type 'audio_tagging'");
        ObjectNode missing = TaskSamples.webpage();
        ((ObjectNode) missing.path("input")).remove("guid");
        assertRefused(missing, "cannot mine this task: task.input.guid is missing");
        ObjectNode wrongType = TaskSamples.conversation("null");
        ((ObjectNode) wrongType.path("input").path("data")).put("window", "not a list");
        assertRefused(wrongType, "task.input.data.window must be a list");
        ObjectNode empty = TaskSamples.namedEntities();
        ((ObjectNode) empty.path("input").path("data")).putArray("window");
        assertRefused(empty, "the window is empty");
        ObjectNode blankLines = TaskSamples.webpage();
        ((ObjectNode) blankLines.path("input").path("data")).putArray("window").addArray().add(0).add("   ");
        assertRefused(blankLines, "the window is empty");
        assertRefused(TaskSamples.survey("  "), "the survey comment is empty");
        ObjectNode huge = TaskSamples.webpage();
        ((ArrayNode) huge.path("input").path("data").path("window")).insertArray(0).add(0).add("# page\n" + "word ".repeat(200_000));
        assertRefused(huge, "a line has 1000007 characters; this miner accepts at most 300");
        ObjectNode longComment = TaskSamples.survey("x".repeat(301));
        assertRefused(longComment, "a text of 301 characters; this miner accepts at most 300");
        List<Line> tooMany = new ArrayList<>();
        for (int i = 0; i < 11; i++) tooMany.add(new Line(i % 2, "line " + i));
        assertRefused(() -> miner().forward(CgSynapse.request(new WindowPacket(Guid.HIDDEN, -1, tooMany), 12)),
                "the window has 11 lines; this miner accepts at most 10");
    }

    private static void assertRefused(JsonNode task, String message) {
        assertRefused(() -> miner().forward(taskRequest(task)), message);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(ForwardRefusedException.class).hasMessageContaining(message)
                .satisfies(e -> {
                    assertThat(((ForwardRefusedException) e).status()).isEqualTo(500);
                    assertThat(e.getMessage()).hasSizeLessThan(300);
                });
    }

    @Test
    void aSkillCoverageTaskIsAnsweredWithABundleForExactlyItsSections() {
        CgSynapse answer = miner().forward(taskRequest(TaskSamplesSkill.task("""
                [{"section_id": "core_slugify", "title": "Core slug output", "description": "Lowercase ASCII with hyphens."},
                 {"section_id": "max_length", "title": "Maximum length", "description": "Slugs are cut at a word boundary."}]""")));
        MinerOutput o = answer.output();
        assertThat(o.isSkillBundle()).isTrue();
        assertThat(o.tags()).isEmpty();
        assertThat(o.skill()).contains("Maximum length");
        assertThat(o.sectionTests()).containsOnlyKeys("core_slugify", "max_length");
        assertThat(o.sectionTests().values()).allSatisfy(t -> assertThat(t).hasSize(2));
        assertRefused(TaskSamplesSkill.task("[]"), "the section map is empty");
    }

    @Test
    void aSkillDocumentIsTaggedInTheLiveSafeForm() {
        MinerOutput skill = miner().forward(taskRequest(TaskSamplesSkill.skillGeneration(
                "# Find a regression with git bisect\nMark a good and a bad commit, then let git bisect run the test script."))).output();
        assertThat(skill.tags()).isNotEmpty();
        assertLiveKeepsEveryTag(skill);
    }

    /** Tasks of the CGP 2.35-2.37 types, as the live validators mask them. */
    static final class TaskSamplesSkill {
        static JsonNode task(String sectionMap) {
            return org.cgp.protocol.synapse.WireJson.mapper().valueToTree(parse("""
                    {"mode": "validator", "api_version": 1.4, "guid": "HIDDEN", "bundle_guid": "HIDDEN", "type": "skill_coverage_evaluation",
                     "scoring_mechanism": "skill_coverage_scoring", "input": {"guid": "HIDDEN", "input_type": "skill_coverage",
                     "data": {"seed": "Write a skill for slugifying text.", "section_map": %s}, "input_categories": ["coding"]},
                     "prompt_chain": null}""".formatted(sectionMap)));
        }

        static JsonNode skillGeneration(String markdown) {
            com.fasterxml.jackson.databind.node.ObjectNode t = (com.fasterxml.jackson.databind.node.ObjectNode) parse("""
                    {"mode": "validator", "api_version": 1.4, "guid": "HIDDEN", "bundle_guid": "HIDDEN", "type": "skill_generation",
                     "scoring_mechanism": "ground_truth_tag_similarity_scoring", "input": {"guid": "HIDDEN", "input_type": "skill",
                     "data": {"window": [], "participants": []}}}""");
            ((com.fasterxml.jackson.databind.node.ArrayNode) t.path("input").path("data").path("window")).addArray().add(0).add(markdown);
            return t;
        }

        private static JsonNode parse(String json) {
            try {
                return org.cgp.protocol.synapse.WireJson.mapper().readTree(json);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
