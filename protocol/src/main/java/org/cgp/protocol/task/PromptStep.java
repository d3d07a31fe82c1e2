package org.cgp.protocol.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One step of a task's {@code prompt_chain}: {@code {step, id, crc, title, name, description, type,
 * input_path, prompt_template, output_variable, output_type}}. Miners may read it; nothing here
 * depends on it. Fields the record does not name are kept in {@code extra}.
 */
public record PromptStep(Integer step, String id, Long crc, String title, String name, String description,
                         String type, String inputPath, String promptTemplate, String outputVariable,
                         String outputType, Map<String, JsonNode> extra) {
    public PromptStep {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
