package org.cgp.validator.bundle;

/** A skill-coverage request (CGP 2.37): the request ({@code seed}) miners write a skill and its tests for. */
public record SkillCoverageBundle(BundleHeader header, String seed) implements TaskBundle {}
