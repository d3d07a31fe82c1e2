package org.cgp.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How good a conversation is for the dataset, in the seed's five dimensions, each 0 to 10:
 * {@code relevance} (the lines stay on the conversation's subject), {@code engagement} (both sides
 * take part and answer each other), {@code novelty} (lines bring something new rather than
 * repeating), {@code coherence} (each line follows from the one before) and {@code fluency} (the text
 * reads as well-formed language). The {@link #boringIndex} is derived from them. {@code method}
 * says who judged: "llm" or "offline". This is not the live quality gate (a single 1-10 score that
 * decides whether a conversation is used at all); that stays as the live validators run it.
 */
@JsonPropertyOrder({"relevance", "engagement", "novelty", "coherence", "fluency", "boring_index", "method"})
public record QualityAssessment(double relevance, double engagement, double novelty, double coherence, double fluency, String method) {
    public static final String LLM = "llm";
    public static final String OFFLINE = "offline";

    public QualityAssessment {
        relevance = clamp(relevance);
        engagement = clamp(engagement);
        novelty = clamp(novelty);
        coherence = clamp(coherence);
        fluency = clamp(fluency);
    }

    /**
     * 0 (absorbing) to 10 (boring): {@code 10 - (0.4 engagement + 0.4 novelty + 0.2 relevance)}. A
     * conversation bores when nobody answers anybody and nothing new is said; straying from the
     * subject counts for less, and coherence and fluency not at all (a dull exchange can be perfectly
     * clear).
     */
    @JsonProperty("boring_index")
    public double boringIndex() {
        return round(10 - (0.4 * engagement + 0.4 * novelty + 0.2 * relevance));
    }

    /** The five scores in the order {@link JsonPropertyOrder} names them. */
    public double[] scores() { return new double[] {relevance, engagement, novelty, coherence, fluency}; }

    /** The dimensions' names, in the order of {@link #scores()}. */
    public static final java.util.List<String> DIMENSIONS = java.util.List.of("relevance", "engagement", "novelty", "coherence", "fluency");

    private static double clamp(double v) {
        return Double.isFinite(v) ? round(Math.max(0, Math.min(10, v))) : 0;
    }

    private static double round(double v) { return Math.round(v * 10) / 10.0; }
}
