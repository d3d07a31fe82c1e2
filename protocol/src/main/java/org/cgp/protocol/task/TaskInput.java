package org.cgp.protocol.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A task's {@code input}: {@code {guid, input_type, data, input_categories}}. {@code data} is kept
 * whole (a private copy) so a task round-trips with fields this version does not know; each task
 * record reads its typed view of it. {@code inputCategories} is null when the packet has none.
 */
public record TaskInput(String guid, String inputType, ObjectNode data, List<String> inputCategories,
                        Map<String, JsonNode> extra) {
    public TaskInput {
        data = data == null ? null : data.deepCopy();
        inputCategories = inputCategories == null ? null : List.copyOf(inputCategories);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** A copy of {@code data}, which callers may change freely. */
    @Override public ObjectNode data() { return data == null ? null : data.deepCopy(); }

    /** Whether {@code input_categories} asks for the coding variant of the prompts. */
    public boolean isCoding() { return inputCategories != null && inputCategories.contains("coding"); }

    public TaskInput withData(ObjectNode newData) { return new TaskInput(guid, inputType, newData, inputCategories, extra); }

    public TaskInput withGuid(String newGuid) { return new TaskInput(newGuid, inputType, data, inputCategories, extra); }
}
