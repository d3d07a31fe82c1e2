package org.cgp.validator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorStateTest {
    @TempDir Path dir;

    @Test
    void savesAndLoadsEverything() {
        ValidatorState s = new ValidatorState(41, List.of("a", "b", "c"), new double[] {0.1, 0.25, 0}, 1234);
        s.save(dir);
        assertThat(ValidatorState.load(dir)).isEqualTo(s);
        assertThat(dir.resolve("state.json.tmp")).doesNotExist();
    }

    @Test
    void noFileMeansNoState() {
        assertThat(ValidatorState.load(dir)).isNull();
    }

    @Test
    void corruptFileIsReportedNotSilentlyReset() throws Exception {
        Files.writeString(dir.resolve("state.json"), "{\"step\": 3, \"hot");
        assertThatThrownBy(() -> ValidatorState.load(dir)).hasMessageContaining("unreadable").hasMessageContaining("move it aside");
    }

    @Test
    void saveReplacesThePreviousFileWhole() {
        new ValidatorState(1, List.of("a"), new double[] {0.5}, 0).save(dir);
        new ValidatorState(2, List.of("a", "b"), new double[] {0.5, 0.25}, 9).save(dir);
        ValidatorState loaded = ValidatorState.load(dir);
        assertThat(loaded.step()).isEqualTo(2);
        assertThat(loaded.ema()).containsExactly(0.5, 0.25);
    }
}
