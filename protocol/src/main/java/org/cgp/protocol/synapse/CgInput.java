package org.cgp.protocol.synapse;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.cgp.protocol.task.ConversationTask;
import org.cgp.protocol.task.Task;
import org.cgp.protocol.task.TaskCodec;
import org.cgp.protocol.task.TaskFormatException;

/**
 * One element of {@code cgp_input}. Two shapes exist on the network: the seed packet
 * {@code {guid, window_idx, lines}} and the newer task packet {@code {task: {type:
 * "conversation_tagging", input: {data: {window: [...]}}}}}. {@link #window()} reads a conversation
 * window from either; {@link #parsedTask()} reads any task.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CgInput(
        Guid guid,
        @JsonProperty("window_idx") Integer windowIdx,
        List<Line> lines,
        JsonNode task) {

    public static CgInput of(WindowPacket w) {
        return new CgInput(w.guid(), w.windowIdx(), w.lines(), null);
    }

    /** The task packet {@code {"task": ...}} carrying {@code task}. */
    public static CgInput of(Task task) {
        return new CgInput(null, null, null, TaskCodec.write(task));
    }

    /** Whether this is a task packet (the live validators' shape) rather than a seed packet. */
    @JsonIgnore
    public boolean isTaskPacket() {
        return lines == null && task != null;
    }

    /** The task of a task packet; throws {@link TaskFormatException} when it is not a valid task. */
    @JsonIgnore
    public Task parsedTask() {
        if (task == null) throw new TaskFormatException("cgp_input[0] has no 'task'");
        return TaskCodec.parse(task);
    }

    /** The window this packet carries; throws {@link InvalidSynapseException} when it carries none. */
    @JsonIgnore
    public WindowPacket window() {
        if (lines != null) {
            return new WindowPacket(guid == null ? Guid.HIDDEN : guid, windowIdx == null ? -1 : windowIdx, lines);
        }
        if (task == null || !task.isObject()) {
            throw new InvalidSynapseException("cgp_input[0] has neither 'lines' nor 'task'");
        }
        Task t;
        try {
            t = TaskCodec.parse(task);
        } catch (TaskFormatException e) {
            throw new InvalidSynapseException(e.getMessage());
        }
        if (!(t instanceof ConversationTask c)) throw new InvalidSynapseException("a " + t.type() + " task carries no conversation window");
        String g = c.envelope().guid();
        return new WindowPacket(g == null || g.isBlank() ? Guid.HIDDEN : Guid.of(g), c.windowIdx(), c.window());
    }
}
