package org.cgp.chain.internal.scale;

/** Bytes that do not decode as the SCALE type expected (truncated, bad compact mode, trailing bytes...). */
public class ScaleException extends RuntimeException {
    public ScaleException(String message) { super(message); }
}
