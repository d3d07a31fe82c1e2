package org.cgp.llm.skill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cgp.protocol.synapse.SectionTest;

/**
 * A judge of skill-coverage tests that needs no model (the offline provider's): it cannot run code,
 * so it checks what can be checked from the text, the rules the live judge's prompt states first.
 * A test is correct when its assertion is concrete (a comparison, a raise or a return, with a literal
 * or a call), not vague ("works as expected"), not addressed to the judge, and every code name in it
 * (snake_case, camelCase, a called function, a quoted CONSTANT) is one the skill document defines.
 */
public final class SkillJudge {
    private static final Pattern OPERATOR = Pattern.compile("==|!=|<=|>=|\\s<\\s|\\s>\\s|\\braises?\\b|\\bthrows?\\b|\\bassert\\w*\\b|\\bexpect\\(|\\breturns?\\b|->");
    private static final Pattern CONCRETE = Pattern.compile("[(\"'0-9]");
    private static final Pattern VAGUE = Pattern.compile("(?i)\\bas expected\\b|\\b(works?|behaves?|handles?)\\s+(correctly|properly|well)\\b|"
            + "\\bthe (right|correct|expected) (value|output|result|answer)\\b|\\bshould work\\b");
    private static final Pattern ADDRESSED = Pattern.compile("(?i)\\bignore (all |the |any )?(previous|above|prior)\\b|\\bdisregard\\b|"
            + "\\bsystem prompt\\b|\\bmark (this|all|every|each)\\b|\\bverdicts?\\b|\\b(the )?judge\\b|\\binstructions?\\b|\\byou are\\b|\"correct\"\\s*:");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CONSTANT = Pattern.compile("[\"']([A-Z][A-Z0-9_]{2,})[\"']");
    private static final Set<String> COMMON = Set.of("assert", "assertEquals", "assertEqual", "assertTrue", "assertFalse", "assertRaises",
            "assertThrows", "expect", "toBe", "toEqual", "toThrow", "len", "str", "int", "float", "bool", "list", "dict", "set", "tuple",
            "isinstance", "type", "None", "True", "False", "null", "true", "false", "NaN");

    private SkillJudge() {}

    /** Verdicts per section id and test name (a repeated name shares the last verdict, as the live map does). */
    public static Map<String, Map<String, Boolean>> judge(String skill, Map<String, List<SectionTest>> tests) {
        Map<String, Map<String, Boolean>> out = new LinkedHashMap<>();
        String doc = skill == null ? "" : skill;
        tests.forEach((sid, list) -> {
            Map<String, Boolean> verdicts = new LinkedHashMap<>();
            for (SectionTest t : list) verdicts.put(t.name(), correct(doc, t));
            out.put(sid, verdicts);
        });
        return out;
    }

    static boolean correct(String skill, SectionTest t) {
        String a = t.assertion().strip();
        if (a.isEmpty() || skill.isBlank()) return false;
        if (ADDRESSED.matcher(t.name() + " " + t.description() + " " + a).find()) return false;
        if (VAGUE.matcher(a).find() || !OPERATOR.matcher(a).find() || !CONCRETE.matcher(a).find()) return false;
        String code = STRING.matcher(a).replaceAll(" ");
        Matcher m = NAME.matcher(code);
        while (m.find()) {
            String n = m.group();
            if (COMMON.contains(n)) continue;
            boolean called = m.end() < code.length() && code.charAt(m.end()) == '(';
            boolean codeLike = n.contains("_") || n.matches(".*[a-z][A-Z].*") || called;
            if (codeLike && !defines(skill, n)) return false;
        }
        Matcher c = CONSTANT.matcher(a);
        while (c.find()) if (!defines(skill, c.group(1))) return false;
        return true;
    }

    private static boolean defines(String skill, String name) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(skill).find();
    }
}
