package org.cgp.llm.skill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cgp.protocol.synapse.SectionTest;
import org.cgp.protocol.task.SkillSection;
import org.junit.jupiter.api.Test;

/** The written skill bundle, and the rules every bundle is kept to before it is sent. */
class SkillBundleRulesTest {
    private static final List<SkillSection> SECTIONS = List.of(
            new SkillSection("core_slugify", "Core slug output", "Lowercase ASCII slugs with hyphens between words."),
            new SkillSection("transliteration", "Transliteration", "Accented characters become their ASCII letters."),
            new SkillSection("empty_input", "Rejecting empty input", "Empty or whitespace-only input is refused."));

    @Test
    void theWrittenBundleHasTwoTraceableTestsPerSectionInTheSectionsOwnWords() {
        SkillBundle b = SkillWriter.write("Write a skill for slugifying arbitrary text into URL-safe slugs.", SECTIONS);
        assertThat(b.sectionTests()).containsOnlyKeys("core_slugify", "transliteration", "empty_input");
        assertThat(SkillRules.complete(b, SECTIONS)).isTrue();
        for (SkillSection s : SECTIONS) {
            List<SectionTest> tests = b.sectionTests().get(s.sectionId());
            assertThat(tests).hasSize(2);
            assertThat(tests.get(0).name()).isNotEqualTo(tests.get(1).name());
            assertThat(tests.get(0).description()).contains(s.title());
            for (SectionTest t : tests) {
                // every code-like name in an assertion is defined in the skill (a judge checks that)
                Matcher m = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(t.assertion().replaceAll("\"[^\"]*\"", " "));
                while (m.find()) {
                    String id = m.group();
                    if (id.contains("_") || id.matches(".*[a-z][A-Z].*")) assertThat(b.skill()).as(t.assertion()).contains(id);
                }
                Matcher constant = Pattern.compile("\"([A-Z][A-Z0-9_]{2,})\"").matcher(t.assertion());
                while (constant.find()) assertThat(b.skill()).contains(constant.group(1));
            }
        }
        assertThat(b.tddPlan()).contains("core_slugify");
    }

    @Test
    void tidyKeepsOnlyTheGivenSectionsCapsThemAndDropsRepeatedClaims() {
        List<SectionTest> flood = new ArrayList<>();
        for (int i = 0; i < 9; i++) flood.add(new SectionTest("t", "description " + i, "f(" + i + ") == " + i));
        flood.add(new SectionTest("dup", "description 0", "f(0) == 0"));
        SkillBundle raw = new SkillBundle("x".repeat(7000), " plan ", Map.of("core_slugify", flood,
                "unknown_section", List.of(new SectionTest("u", "d", "a == 1")),
                "transliteration", List.of(new SectionTest("a", "same", "g(1) == 1"), new SectionTest("b", "same", "g(2) == 2"),
                        new SectionTest("c", "other", "   "))));
        SkillBundle tidy = SkillRules.tidy(raw, SECTIONS);
        assertThat(tidy.skill()).hasSize(SkillRules.MAX_SKILL_CHARS);
        assertThat(tidy.tddPlan()).isEqualTo("plan");
        assertThat(tidy.sectionTests()).containsOnlyKeys("core_slugify", "transliteration", "empty_input");
        assertThat(tidy.sectionTests().get("core_slugify")).hasSize(SkillRules.MAX_TESTS_PER_SECTION)
                .extracting(SectionTest::name).doesNotHaveDuplicates();
        assertThat(tidy.sectionTests().get("transliteration")).as("a repeated description, a blank assertion").hasSize(1);
        assertThat(SkillRules.complete(tidy, SECTIONS)).isFalse();
    }
}
