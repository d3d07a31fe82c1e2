package org.cgp.protocol.synapse;

/**
 * A synapse the dendrite can read an answer into: its terminal records, and a copy with them
 * replaced (the axon's response headers are laid over the body's, as the Python dendrite does).
 */
public interface Synapse<S extends Synapse<S>> {
    TerminalInfo axon();

    TerminalInfo dendrite();

    S withTerminals(TerminalInfo axon, TerminalInfo dendrite);
}
