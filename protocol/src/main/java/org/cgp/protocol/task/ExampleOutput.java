package org.cgp.protocol.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** A task's {@code example_output}: {@code {tags: [...], type: "List[str]"}}; unnamed fields kept in {@code extra}. */
public record ExampleOutput(List<String> tags, String type, Map<String, JsonNode> extra) {
    public ExampleOutput {
        tags = tags == null ? null : List.copyOf(tags);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
