package org.cgp.validator.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cgp.protocol.task.ConversationTask;
import org.cgp.protocol.task.NamedEntitiesTask;
import org.cgp.protocol.task.SkillCoverageTask;
import org.cgp.protocol.task.SkillGenerationTask;
import org.cgp.protocol.task.SurveyTask;
import org.cgp.protocol.task.Task;
import org.cgp.protocol.task.TaskEnvelope;
import org.cgp.protocol.task.TaskInput;
import org.cgp.protocol.task.WebpageTask;

/**
 * What a miner may see of a task, as the live validators mask it: the task's guid, its bundle's
 * guid and its input's guid become {@code HIDDEN}; a conversation window also loses its index
 * ({@code -1}) and participants ({@code []}); a named-entity task its index; the others only their
 * guids. The task itself is left unchanged (records keep the real one).
 */
public final class Masking {
    private Masking() {}

    public static Task mask(Task task) {
        String hidden = TaskEnvelope.HIDDEN;
        TaskInput input = task.envelope().input().withGuid(hidden);
        ObjectNode data = input.data();
        if (task instanceof ConversationTask) {
            data.put("window_idx", -1);
            data.putArray("participants");
        } else if (task instanceof NamedEntitiesTask) {
            data.put("window_idx", -1);
        }
        TaskEnvelope env = task.envelope().withGuids(hidden, hidden).withInput(input.withData(data));
        return task.accept(new Task.Visitor<Task>() {
            @Override public Task conversation(ConversationTask c) {
                return new ConversationTask(env, -1, c.window(), java.util.List.of(), c.enrichmentLines());
            }
            @Override public Task webpage(WebpageTask w) { return new WebpageTask(env, w.window()); }
            @Override public Task survey(SurveyTask s) { return new SurveyTask(env, s.question(), s.comment()); }
            @Override public Task namedEntities(NamedEntitiesTask n) { return new NamedEntitiesTask(env, -1, n.window()); }
            @Override public Task skillGeneration(SkillGenerationTask g) { return new SkillGenerationTask(env, g.window()); }
            @Override public Task skillCoverage(SkillCoverageTask k) { return new SkillCoverageTask(env, k.seed(), k.sectionMap()); }
        });
    }
}
