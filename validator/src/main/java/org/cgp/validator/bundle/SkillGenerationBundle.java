package org.cgp.validator.bundle;

/** A skill document (CGP 2.35): the request it was written for ({@code seed}) and its markdown. */
public record SkillGenerationBundle(BundleHeader header, String seed, String markdown) implements TaskBundle {}
