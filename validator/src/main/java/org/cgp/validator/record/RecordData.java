package org.cgp.validator.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.cgp.llm.QualityAssessment;
import org.cgp.protocol.synapse.ParticipantProfile;
import org.cgp.protocol.task.Task;
import org.cgp.protocol.task.TaskCodec;

/**
 * The {@code data} of a record, typed: {@link Records} builds it, the CGP API receives it as JSON in
 * the live validators' shape, and a store reads its fields, never JSON paths. Three shapes, told
 * apart on the way back from a spool by their fields: a bundle's {@link GroundTruth} (tags) or
 * {@link SkillGroundTruth} (section map), and a miner's {@link Answer} ({@link TagResult} or
 * {@link SkillResult}, its real task and its {@link Score}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(RecordData.GroundTruth.class), @JsonSubTypes.Type(RecordData.SkillGroundTruth.class),
        @JsonSubTypes.Type(RecordData.Answer.class)})
public sealed interface RecordData {

    /** A tag and its embedding, as the live embedding dictionary holds it: {@code {"vectors": [...]}}. */
    record TagVector(float[] vectors) {}

    /**
     * The validator record of a tag bundle: its tags with their vectors ({@code {tag: {"vectors": [...]}}}),
     * the participants' names ({@code participantProfiles}, the live field), their generated
     * {@code profiles} when there are any, a survey's question, comment and choices, and the
     * conversation's five-way {@code quality} when it was assessed (not a live field).
     */
    record GroundTruth(
            List<String> tags,
            Map<String, TagVector> vectors,
            List<String> participantProfiles,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ParticipantProfile> profiles,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("survey_question") String surveyQuestion,
            @JsonInclude(JsonInclude.Include.NON_NULL) String comment,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("possible_choices") List<String> possibleChoices,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("selected_choices") List<String> selectedChoices,
            @JsonInclude(JsonInclude.Include.NON_NULL) QualityAssessment quality) implements RecordData {}

    /** One section of a skill request's map, as recorded. */
    record Section(@JsonProperty("section_id") String sectionId, String title, String description) {}

    /** The validator record of a skill-coverage bundle: the whole section map and the scored sections' vectors. */
    record SkillGroundTruth(List<Section> sections, @JsonProperty("section_vectors") Map<String, float[]> sectionVectors)
            implements RecordData {}

    /** What an answer scored. */
    record Score(
            @JsonProperty("status_code") int statusCode,
            @JsonProperty("adjusted_score") double adjustedScore,
            @JsonProperty("final_miner_score") double finalMinerScore,
            double reward,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("zero_reason") String zeroReason) {}

    /** The miner record of one answer: what was read of it, the real (unmasked) task, what it scored. */
    record Answer(AnswerResult result, @JsonSerialize(using = TaskJson.Writer.class) @JsonDeserialize(using = TaskJson.Reader.class) Task task,
                  Score score) implements RecordData {}

    /** What was read of an answer: tags or a skill. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(TagResult.class), @JsonSubTypes.Type(SkillResult.class)})
    sealed interface AnswerResult {}

    /**
     * A tag answer: the tags kept with the validator's vectors, and the tags sent (capped; when cut,
     * {@code original_tags_truncated} and how many there were).
     */
    record TagResult(
            List<String> tags,
            @JsonProperty("original_tags") List<String> originalTags,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("original_tags_truncated") Boolean originalTagsTruncated,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("original_tag_count") Integer originalTagCount,
            Map<String, TagVector> vectors) implements AnswerResult {}

    /** One test as a miner sent it (texts capped). */
    record SentTest(String name, String description, String assertion) {}

    /** One scored test: its texts, its vector (null past the judged cap) and the judge's verdict. */
    record ScoredTest(String name, String description, String assertion, float[] vector,
                      @JsonProperty("judged_correct") boolean judgedCorrect) {}

    /**
     * A skill answer as read: the skill, the plan, the tests per section (capped; when cut,
     * {@code section_test_count} says how many were sent), the validator's vector of the skill and of
     * each scored section's tests.
     */
    record SkillResult(
            String skill,
            @JsonProperty("tdd_plan") String tddPlan,
            @JsonProperty("section_tests") Map<String, List<SentTest>> sectionTests,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("section_test_count") Integer sectionTestCount,
            @JsonProperty("skill_vector") float[] skillVector,
            @JsonProperty("test_vectors") Map<String, List<ScoredTest>> testVectors) implements AnswerResult {}

    /** A task on the record is the live task JSON ({@link TaskCodec}), read back into the task. */
    final class TaskJson {
        private TaskJson() {}

        static final class Writer extends JsonSerializer<Task> {
            @Override public void serialize(Task task, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeTree(TaskCodec.write(task));
            }
        }

        static final class Reader extends JsonDeserializer<Task> {
            @Override public Task deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
                return TaskCodec.parse(parser.readValueAsTree());
            }
        }
    }
}
