package org.cgp.scoring;

/** {@code seed}: 0.5 top3(all) + 0.2 median + 0.2 mean + 0.1 max, no penalties; {@code v2} (default): the live scoring (ScoreFormula). */
public enum ScoringVersion { SEED, V2 }
