package org.cgp.protocol.synapse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of {@code cgp_output}. A tagging answer: {@code {"tags": [...], "vectors": {tag:
 * {"vectors": [...]}}, "profiles": [...]}}, {@code vectors} null when the miner does not embed
 * (validators re-embed). A skill-coverage answer (CGP 2.37): {@code {"skill": markdown, "tdd_plan":
 * text, "section_tests": {section_id: [{name, description, assertion}]}}}, with no tags.
 */
public record MinerOutput(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags,
        Map<String, TagVector> vectors,
        List<ParticipantProfile> profiles,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonDeserialize(using = LenientSkillFields.Text.class) String skill,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("tdd_plan") @JsonDeserialize(using = LenientSkillFields.Text.class) String tddPlan,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("section_tests") @JsonDeserialize(using = LenientSkillFields.SectionTests.class)
        Map<String, List<SectionTest>> sectionTests) {
    public MinerOutput {
        tags = tags == null ? List.of() : List.copyOf(tags);
        vectors = vectors == null ? null : new LinkedHashMap<>(vectors);
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        if (sectionTests != null) {
            Map<String, List<SectionTest>> copy = new LinkedHashMap<>();
            sectionTests.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
            sectionTests = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /** A tagging answer. */
    public MinerOutput(List<String> tags, Map<String, TagVector> vectors, List<ParticipantProfile> profiles) {
        this(tags, vectors, profiles, null, null, null);
    }

    /** A skill-coverage answer: the skill document, the TDD plan and the tests per section id. */
    public static MinerOutput skillBundle(String skill, String tddPlan, Map<String, List<SectionTest>> sectionTests) {
        return new MinerOutput(null, null, null, skill, tddPlan, sectionTests);
    }

    /** Whether this is a skill-coverage answer. */
    public boolean isSkillBundle() { return skill != null || sectionTests != null; }

    public int vectorCount() { return vectors == null ? 0 : vectors.size(); }
}
