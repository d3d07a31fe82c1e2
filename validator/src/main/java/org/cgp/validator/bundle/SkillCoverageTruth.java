package org.cgp.validator.bundle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.protocol.task.SkillSection;

/**
 * A skill-coverage bundle's ground truth: the whole section map this validator drew (every miner
 * gets all of it) and the vectors of the at most three sections it scores (chosen at random once
 * per bundle, in the order drawn), each embedded as {@code "title: description"}.
 */
public record SkillCoverageTruth(List<SkillSection> sections, Map<String, float[]> sectionVectors) {
    /** Sections scored at most per bundle ({@code MAX_EVALUATED_SECTIONS}). */
    public static final int MAX_EVALUATED_SECTIONS = 3;

    public SkillCoverageTruth {
        sections = List.copyOf(sections);
        sectionVectors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sectionVectors));
    }

    /** The scored sections, in the order drawn. */
    public List<SkillSection> evaluated() {
        List<SkillSection> out = new java.util.ArrayList<>();
        for (String id : sectionVectors.keySet()) sections.stream().filter(s -> s.sectionId().equals(id)).findFirst().ifPresent(out::add);
        return out;
    }
}
