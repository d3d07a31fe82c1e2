package org.cgp.llm.skill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.protocol.synapse.SectionTest;

/**
 * A miner's answer to a skill-coverage request (CGP 2.37): a Markdown skill document, a one-line
 * TDD plan, and tests per section id of the request's section map.
 */
public record SkillBundle(String skill, String tddPlan, Map<String, List<SectionTest>> sectionTests) {
    public SkillBundle {
        skill = skill == null ? "" : skill;
        tddPlan = tddPlan == null ? "" : tddPlan;
        Map<String, List<SectionTest>> copy = new LinkedHashMap<>();
        if (sectionTests != null) sectionTests.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        sectionTests = java.util.Collections.unmodifiableMap(copy);
    }

    /** Tests in all sections. */
    public int testCount() { return sectionTests.values().stream().mapToInt(List::size).sum(); }
}
