package org.cgp.chain.internal.metadata;

import org.cgp.chain.ChainException;

/** Runtime metadata this client cannot read (unknown version, bad magic) or that lacks a needed item. */
public class MetadataException extends ChainException {
    public MetadataException(String message) { super(message); }
}
