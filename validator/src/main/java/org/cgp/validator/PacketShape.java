package org.cgp.validator;

/** What a validator sends miners: the live task packet, or the seed window packet older miners read. */
public enum PacketShape {
    /** {@code cgp_input: [{"task": <masked task>}]}, what the live validators send and the live miners accept. */
    TASK,
    /** {@code cgp_input: [{"guid", "window_idx", "lines"}]}, conversation windows only, for miners that predate tasks. */
    SEED
}
