package org.cgp.protocol.task;

import java.util.Optional;

/** The four task types the live subnet sends, by their wire names. */
public enum TaskType {
    CONVERSATION_TAGGING("conversation_tagging", "conversation"),
    WEBPAGE_METADATA_GENERATION("webpage_metadata_generation", "webpage_markdown"),
    SURVEY_TAGGING("survey_tagging", "survey"),
    NAMED_ENTITIES_EXTRACTION("named_entities_extraction", "document");

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
