package org.cgp.validator.record;

import org.cgp.protocol.synapse.Guid;
import org.cgp.validator.WeightsEvent;
import org.cgp.validator.bundle.TaskBundle;

/**
 * Where ground truth and miner results go: the CGP API (spooled, retried) or a store (SQLite or
 * PostgreSQL, {@link org.cgp.validator.store.ResultStore}). A call returns once the result is
 * durable; it is never dropped.
 */
public interface ResultRecorder extends AutoCloseable {
    void record(Guid conversation, RecordPayload payload);

    /** The bundle a step reserved, before its ground truth is recorded (a store keeps it; the CGP API has it already). */
    default void recordBundle(TaskBundle bundle) {}

    /** Weights set or committed on chain (a store keeps them; the CGP API is not told). */
    default void recordWeights(WeightsEvent event) {}

    /** For logs: where results go. */
    String describe();

    /** Results accepted but not yet delivered (0 for a local store). */
    default int pending() { return 0; }

    @Override default void close() {}
}
