package org.cgp.protocol.task;

import java.util.List;
import org.cgp.protocol.synapse.Line;

/**
 * {@code skill_generation} (CGP 2.35): line 0 of {@code data.window} is a skill document's markdown
 * (its first 1000 characters live); the miner answers its tags.
 */
public record SkillGenerationTask(TaskEnvelope envelope, List<Line> window) implements Task {
    public SkillGenerationTask {
        window = window == null ? List.of() : List.copyOf(window);
    }

    /** The skill markdown (line 0), or "" when the window is empty. */
    public String markdown() { return window.isEmpty() ? "" : window.get(0).text(); }

    @Override public int textLength() { return Lines.totalLength(window); }

    @Override public int longestText() { return Lines.longest(window); }

    @Override public <R> R accept(Visitor<R> visitor) { return visitor.skillGeneration(this); }
}
