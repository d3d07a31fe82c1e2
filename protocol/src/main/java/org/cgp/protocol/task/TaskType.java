package org.cgp.protocol.task;

import java.util.Optional;

/** The six task types the live subnet sends (CGP 2.37.74), by their wire names. */
public enum TaskType {
    CONVERSATION_TAGGING("conversation_tagging", "conversation"),
    WEBPAGE_METADATA_GENERATION("webpage_metadata_generation", "webpage_markdown"),
    SURVEY_TAGGING("survey_tagging", "survey"),
    NAMED_ENTITIES_EXTRACTION("named_entities_extraction", "document"),
    SKILL_GENERATION("skill_generation", "skill"),
    SKILL_COVERAGE_EVALUATION("skill_coverage_evaluation", "skill_coverage");

    private final String wire;
    private final String inputType;

    TaskType(String wire, String inputType) {
        this.wire = wire;
        this.inputType = inputType;
    }

    /** The {@code type} field on the wire, e.g. {@code "survey_tagging"}. */
    public String wire() { return wire; }

    /** The {@code input.input_type} this type carries, e.g. {@code "survey"}. */
    public String inputType() { return inputType; }

    public static Optional<TaskType> fromWire(String name) {
        for (TaskType t : values()) if (t.wire.equals(name)) return Optional.of(t);
        return Optional.empty();
    }

    @Override public String toString() { return wire; }
}
