package org.cgp.validator.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * The live validators' conversation windows: windows of 10 lines overlapping by 2; when that gives
 * fewer than 2, windows of 2 overlapping by 2, which is the whole conversation as one window. A
 * step of {@code size - overlap}; the last window is the one that reaches the end.
 */
public final class LiveWindows {
    public static final int SIZE = 10;
    public static final int OVERLAP = 2;
    public static final int FALLBACK_SIZE = 2;
    /** A conversation needs more windows than this, unless its bundle says otherwise. */
    public static final int MIN_WINDOWS = 1;

    private LiveWindows() {}

    public static <T> List<List<T>> windows(List<T> lines) {
        List<List<T>> w = split(lines, SIZE, OVERLAP);
        return w.size() < 2 ? split(lines, FALLBACK_SIZE, OVERLAP) : w;
    }

    /** The live {@code split_overlap_array}. */
    public static <T> List<List<T>> split(List<T> items, int size, int overlap) {
        List<List<T>> out = new ArrayList<>();
        int n = items.size();
        int step = size - overlap;
        if (step <= 0) {
            if (n > 0) out.add(List.copyOf(items));
            return out;
        }
        int splits = n / step + 1;
        for (int i = 0; i < splits; i++) {
            int start = i * step;
            int end = start + size;
            out.add(List.copyOf(items.subList(Math.min(start, n), Math.min(end, n))));
            if (end >= n) break;
        }
        return out;
    }
}
