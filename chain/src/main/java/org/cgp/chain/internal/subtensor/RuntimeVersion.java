package org.cgp.chain.internal.subtensor;

/** The runtime's spec and transaction versions, both part of every signed payload. */
public record RuntimeVersion(String specName, long specVersion, long transactionVersion) {}
