package org.cgp.chain.internal.metadata;

/** Bytes that are already SCALE-encoded for the target type (e.g. an encoded call inside {@code sudo}). */
public record RawScale(byte[] bytes) {
    public RawScale { bytes = bytes.clone(); }

    @Override public byte[] bytes() { return bytes.clone(); }
}
