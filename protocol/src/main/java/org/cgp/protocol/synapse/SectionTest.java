package org.cgp.protocol.synapse;

/**
 * One test of a skill-coverage answer: a unique name, what it checks, and a concrete assertion
 * (input and expected result) that uses only names the skill document defines.
 */
public record SectionTest(String name, String description, String assertion) {
    public SectionTest {
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        assertion = assertion == null ? "" : assertion;
    }
}
