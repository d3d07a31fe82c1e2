package org.cgp.validator;

import java.time.Duration;

/**
 * Watches one validator's steps, phase by phase (OkHttp's {@code EventListener} is the model: an
 * abstract class whose methods do nothing until overridden, called on the step's thread, never
 * changing what the step does). A listener that throws loses only its own event.
 *
 * <p>The phases, in the order a step runs them: {@link Phase#PREPARE} (reserve a bundle, build its
 * ground truth) and {@link Phase#RECORD} of that ground truth per bundle; then per task
 * {@link Phase#QUERY}, {@link Phase#JUDGE} (judging and embedding the answers),
 * {@link Phase#SCORE} (the mechanism and the reward curve), {@link #taskScored}, and
 * {@link Phase#RECORD} of the answers.
 */
public abstract class StepEventListener {
    /** The phases of a step. */
    public enum Phase { PREPARE, QUERY, JUDGE, SCORE, RECORD }

    /** A listener that hears nothing. */
    public static final StepEventListener NONE = new StepEventListener() {};

    /** A phase finished, for one bundle (PREPARE, RECORD of its ground truth) or one task (the others). */
    public void phaseEnd(Phase phase, Duration took) {}

    /** A task was scored: its miners' results and rewards, before its records are written. */
    public void taskScored(WindowOutcome task) {}

    /** The step ended, with what it did and how long it took. */
    public void stepEnd(StepReport report, Duration took) {}
}
