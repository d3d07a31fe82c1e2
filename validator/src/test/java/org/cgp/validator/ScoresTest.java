package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoresTest {
    @Test
    void alignmentIsExplicitAndKeepsOnlyWhatStillBelongsToTheSameHotkey() {
        Scores s = new Scores(0.1, List.of("a", "b", "c"), new double[] {0.5, 0.4, 0.3});
        assertThat(s.alignTo(List.of("a", "b", "c"))).isEmpty();
        assertThat(s.values()).containsExactly(0.5, 0.4, 0.3);
        assertThat(s.alignTo(List.of("a", "B", "c", "d"))).containsExactly(1); // b's uid taken by B, d new
        assertThat(s.values()).containsExactly(0.5, 0.0, 0.3, 0.0);
        assertThat(s.alignTo(List.of("a"))).isEmpty(); // shrunk: c and d are gone
        assertThat(s.alignTo(List.of("a", "x", "c"))).isEmpty();
        assertThat(s.values()).as("a hotkey that takes a dropped uid starts at 0, even the old one").containsExactly(0.5, 0.0, 0.0);
        s.update(new int[] {1}, new double[] {1.0});
        assertThat(s.value(1)).isEqualTo(0.1);
        assertThat(s.hotkeys()).containsExactly("a", "x", "c");
    }
}
