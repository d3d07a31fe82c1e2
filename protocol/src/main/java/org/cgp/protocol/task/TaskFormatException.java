package org.cgp.protocol.task;

/**
 * A task packet that cannot be mined: an unknown type, a missing or mistyped field. The message
 * names the field path (e.g. {@code task.input.data.window[3]}) and never quotes request text.
 */
public final class TaskFormatException extends RuntimeException {
    public TaskFormatException(String message) { super(message); }
}
