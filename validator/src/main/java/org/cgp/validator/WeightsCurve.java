package org.cgp.validator;

/** How normalised moving averages become weights. */
public enum WeightsCurve {
    /** Rank-based transposed cubic, as every live validator sets them: only the order of the miners counts. */
    CUBIC,
    /** Weights proportional to the (powered, normalised) moving averages. */
    PROPORTIONAL
}
