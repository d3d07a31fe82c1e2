package org.cgp.chain.internal.metadata;

/**
 * One transaction (signed) extension in the runtime's order: {@code type} is what goes in the
 * extrinsic ("extra"), {@code additionalSigned} is what only goes in the signed payload ("implicit").
 */
public record SignedExtension(String identifier, int type, int additionalSigned) {}
