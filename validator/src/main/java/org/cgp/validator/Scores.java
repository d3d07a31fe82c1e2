package org.cgp.validator;

import java.util.ArrayList;
import java.util.List;
import org.cgp.scoring.MovingAverage;
import org.cgp.validator.state.ValidatorState;

/**
 * A validator's moving averages and the hotkeys they belong to: the one owner of both, and the one
 * place the alignment rule lives. It is fitted to the metagraph explicitly ({@link #alignTo}, at start
 * and once per step): a uid whose hotkey changed starts again at 0, new uids are added at 0, and uids
 * past the end of a shrunken metagraph are dropped, so a hotkey that later takes one starts at 0 too.
 * Between alignments the validator applies each scored task's rewards ({@link #apply}); the saved
 * {@link ValidatorState} is a {@link #snapshot} of it and is restored with {@link #restore}. Thread-safe.
 */
public final class Scores {
    private final double alpha;
    private List<String> hotkeys;
    private MovingAverage averages;

    public Scores(double alpha, List<String> hotkeys, double[] ema) {
        this.alpha = alpha;
        this.hotkeys = List.copyOf(hotkeys);
        this.averages = new MovingAverage(alpha, java.util.Arrays.copyOf(ema, hotkeys.size()));
    }

    /** Zeros for {@code hotkeys}, with the default alpha. */
    public static Scores zeros(List<String> hotkeys) {
        return new Scores(MovingAverage.DEFAULT_ALPHA, hotkeys, new double[hotkeys.size()]);
    }

    /** The averages a saved state holds, under {@code alpha}, not yet fitted to any metagraph. */
    public static Scores restore(double alpha, ValidatorState state) {
        return new Scores(alpha, state.hotkeys(), state.ema());
    }

    /** The state to save: these averages and hotkeys, read together, with the step counter and the last weights block. */
    public synchronized ValidatorState snapshot(long step, long lastWeightsBlock) {
        return new ValidatorState(step, hotkeys, averages.values(), lastWeightsBlock);
    }

    /** Fits the averages to {@code current} hotkeys by uid; returns the uids that were reset because their hotkey changed. */
    public synchronized List<Integer> alignTo(List<String> current) {
        if (current.equals(hotkeys)) return List.of();
        double[] old = averages.values();
        double[] aligned = new double[current.size()];
        List<Integer> changed = new ArrayList<>();
        for (int uid = 0; uid < current.size(); uid++) {
            if (uid < hotkeys.size()) {
                if (hotkeys.get(uid).equals(current.get(uid))) aligned[uid] = old[uid];
                else changed.add(uid);
            }
        }
        hotkeys = List.copyOf(current);
        averages = new MovingAverage(alpha, aligned);
        return changed;
    }

    /**
     * The rewards of one scored task, each to the uid of its miner; a result the validator could not
     * judge ({@link MinerResult#counted} false) leaves its miner's average as it was.
     */
    public void apply(WindowOutcome task) {
        List<MinerResult> counted = task.results().stream().filter(MinerResult::counted).toList();
        if (counted.isEmpty()) return;
        update(counted.stream().mapToInt(MinerResult::uid).toArray(), counted.stream().mapToDouble(MinerResult::reward).toArray());
    }

    /** The rewards of every task of a step, in the order they were scored. */
    public void apply(StepReport step) {
        step.windows().forEach(this::apply);
    }

    /** One task's rewards for these uids (see {@link MovingAverage#update}). */
    public synchronized void update(int[] uids, double[] rewards) {
        averages.update(uids, rewards);
    }

    /** A copy of the averages, indexed by uid. */
    public synchronized double[] values() { return averages.values(); }

    public synchronized double value(int uid) { return averages.value(uid); }

    public synchronized List<String> hotkeys() { return hotkeys; }

    public double alpha() { return alpha; }
}
