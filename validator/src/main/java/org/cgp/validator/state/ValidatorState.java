package org.cgp.validator.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cgp.protocol.io.AtomicFiles;
import org.cgp.protocol.synapse.WireJson;

/**
 * What a validator must not lose across restarts: the step counter, the moving
 * average per uid, the hotkey each uid had when it was scored, and the block weights were last
 * set at. Saved atomically (temp file, fsync, rename) as JSON. It is a snapshot: the averages are
 * owned, aligned and updated by {@code Scores}, which makes and restores it.
 */
public record ValidatorState(
        long step,
        List<String> hotkeys,
        double[] ema,
        @JsonProperty("last_weights_block") long lastWeightsBlock) {

    public static final String FILE_NAME = "state.json";

    public ValidatorState {
        hotkeys = List.copyOf(hotkeys);
        ema = ema.clone();
        if (hotkeys.size() != ema.length) {
            throw new IllegalArgumentException("state has " + hotkeys.size() + " hotkeys but " + ema.length + " scores");
        }
    }

    public static ValidatorState fresh(List<String> hotkeys) {
        return new ValidatorState(0, hotkeys, new double[hotkeys.size()], 0);
    }

    public ValidatorState withWeightsSetAt(long block) { return new ValidatorState(step, hotkeys, ema, block); }

    /** Loads {@code dir/state.json}, or null when there is none yet. */
    public static ValidatorState load(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            return WireJson.mapper().readValue(Files.readAllBytes(file), ValidatorState.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("validator state " + file + " is unreadable (" + e.getMessage()
                    + "); move it aside to start from zero", e);
        }
    }

    /** Writes {@code dir/state.json} so that a crash or a power loss leaves either the old or the new file whole ({@link AtomicFiles}). */
    public void save(Path dir) {
        try {
            AtomicFiles.write(dir.resolve(FILE_NAME), WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save validator state in " + dir, e);
        }
    }

    @Override public boolean equals(Object o) {
        return o instanceof ValidatorState s && step == s.step && lastWeightsBlock == s.lastWeightsBlock
                && hotkeys.equals(s.hotkeys) && Arrays.equals(ema, s.ema);
    }

    @Override public int hashCode() { return Long.hashCode(step) * 31 + hotkeys.hashCode() * 17 + Arrays.hashCode(ema); }

    @Override public String toString() {
        return "ValidatorState[step=" + step + ", uids=" + hotkeys.size() + ", lastWeightsBlock=" + lastWeightsBlock + "]";
    }
}
