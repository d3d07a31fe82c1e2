package org.cgp.validator.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The live split_overlap_array, checked against what the live code printed (port-ready case 9). */
class LiveWindowsTest {
    static List<Integer> range(int n) { return IntStream.range(0, n).boxed().toList(); }

    @ParameterizedTest(name = "{0} lines -> {1} windows of 10 overlapping by 2")
    @CsvSource({"0,1", "1,1", "10,1", "11,2", "18,2", "19,3"})
    void windowCountsAsLive(int n, int windows) {
        assertThat(LiveWindows.split(range(n), 10, 2)).hasSize(windows);
    }

    @Test
    void windowsOverlapByTwoAndTheLastReachesTheEnd() {
        assertThat(LiveWindows.split(range(11), 10, 2)).containsExactly(range(10), List.of(8, 9, 10));
    }

    @Test
    void fewerThanTwoWindowsFallBackToTheWholeConversationAsOne() {
        assertThat(LiveWindows.split(range(7), 2, 2)).containsExactly(range(7));
        assertThat(LiveWindows.windows(range(10))).containsExactly(range(10));
        assertThat(LiveWindows.windows(range(30))).hasSize(4);
    }
}
