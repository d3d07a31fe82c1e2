package org.cgp.protocol.task;

import java.util.List;

/**
 * {@code skill_coverage_evaluation} (CGP 2.37): a skill request ({@code data.seed}) and the section
 * map the validator's LLM drew for it ({@code data.section_map}, all 4-7 sections; which of them
 * are scored is not said). The miner answers a skill document, a TDD plan and tests per section.
 */
public record SkillCoverageTask(TaskEnvelope envelope, String seed, List<SkillSection> sectionMap) implements Task {
    public SkillCoverageTask {
        seed = seed == null ? "" : seed;
        sectionMap = sectionMap == null ? List.of() : List.copyOf(sectionMap);
    }

    @Override public int textLength() {
        long n = seed.length();
        for (SkillSection s : sectionMap) n += s.sectionId().length() + s.title().length() + s.description().length();
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    @Override public int longestText() {
        int max = seed.length();
        for (SkillSection s : sectionMap) max = Math.max(max, Math.max(s.title().length(), s.description().length()));
        return max;
    }

    @Override public <R> R accept(Visitor<R> visitor) { return visitor.skillCoverage(this); }
}
