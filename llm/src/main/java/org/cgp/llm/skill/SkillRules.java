package org.cgp.llm.skill;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cgp.protocol.synapse.SectionTest;
import org.cgp.protocol.task.SkillSection;

/**
 * What makes a skill-coverage answer score under the live validators (CGP 2.37.74
 * {@code SkillCoverageScoringMechanism}), applied to any answer before it is sent: tests only
 * under the section ids given, unique names, at most {@link #MAX_TESTS_PER_SECTION} per section
 * (more is the 0.6 "flooding" penalty), no two the same claim (near-duplicates halve the score),
 * texts within the validators' caps. An answer with fewer than {@link #MIN_TESTS_PER_SECTION}
 * good tests in some section is {@link #complete incomplete}.
 */
public final class SkillRules {
    /** The live per-section cap: tests beyond it are never judged and set off the flooding penalty. */
    public static final int MAX_TESTS_PER_SECTION = 6;
    /** Two per section: the live prompt's core case and edge case, and the best-2 mean of each section's score. */
    public static final int MIN_TESTS_PER_SECTION = 2;
    /** The validators' caps on what they read: skill 6000 characters, name 200, description and assertion 1000. */
    public static final int MAX_SKILL_CHARS = 6000;
    public static final int MAX_NAME_CHARS = 200;
    public static final int MAX_TEXT_CHARS = 1000;

    private SkillRules() {}

    /** {@code bundle} kept to the rules: the given sections only, capped, deduplicated, trimmed. */
    public static SkillBundle tidy(SkillBundle bundle, List<SkillSection> sections) {
        Map<String, List<SectionTest>> out = new LinkedHashMap<>();
        for (SkillSection s : sections) {
            List<SectionTest> kept = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Set<String> claims = new HashSet<>();
            for (SectionTest t : bundle.sectionTests().getOrDefault(s.sectionId(), List.of())) {
                if (t == null || t.assertion().isBlank() || kept.size() == MAX_TESTS_PER_SECTION) continue;
                String name = cut(t.name().isBlank() ? "test_" + s.sectionId() + "_" + (kept.size() + 1) : t.name().strip(), MAX_NAME_CHARS);
                String claim = normalised(t.assertion());
                if (!claims.add(claim) || !claims.add("d:" + normalised(t.description()))) continue;
                while (!names.add(name)) name = cut(name, MAX_NAME_CHARS - 3) + "_" + names.size();
                kept.add(new SectionTest(name, cut(t.description().strip(), MAX_TEXT_CHARS), cut(t.assertion().strip(), MAX_TEXT_CHARS)));
            }
            out.put(s.sectionId(), kept);
        }
        return new SkillBundle(cut(bundle.skill(), MAX_SKILL_CHARS), bundle.tddPlan().strip(), out);
    }

    /** Whether every section has at least {@link #MIN_TESTS_PER_SECTION} tests and the skill has text. */
    public static boolean complete(SkillBundle bundle, List<SkillSection> sections) {
        if (bundle.skill().isBlank()) return false;
        for (SkillSection s : sections) {
            if (bundle.sectionTests().getOrDefault(s.sectionId(), List.of()).size() < MIN_TESTS_PER_SECTION) return false;
        }
        return true;
    }

    private static String normalised(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    private static String cut(String s, int max) { return s.length() <= max ? s : s.substring(0, max); }
}
