package org.cgp.protocol.task;

import java.util.ArrayList;
import java.util.List;
import org.cgp.protocol.synapse.Line;

/** Sizes and parts of a task window. */
final class Lines {
    private Lines() {}

    static int totalLength(List<Line> lines) {
        long n = 0;
        for (Line l : lines) n += l.text().length();
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    static int longest(List<Line> lines) {
        int max = 0;
        for (Line l : lines) max = Math.max(max, l.text().length());
        return max;
    }

    static List<String> textsAfterFirst(List<Line> lines) {
        List<String> out = new ArrayList<>(Math.max(0, lines.size() - 1));
        for (int i = 1; i < lines.size(); i++) out.add(lines.get(i).text());
        return List.copyOf(out);
    }
}
