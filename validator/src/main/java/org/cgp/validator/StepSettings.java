package org.cgp.validator;

import java.time.Duration;
import org.cgp.scoring.RewardDistribution;
import org.cgp.scoring.ScoringVersion;

/**
 * The knobs of one validator step; {@link #defaults} are the live validators' values.
 *
 * @param sampleSize       miners each task goes to (live: 6)
 * @param bundles          task bundles reserved per step (live: 10)
 * @param tasksPerBundle   tasks cut from one bundle at most (live: 5)
 * @param minTasks         a step with fewer tasks than this queries nobody and sets no weights (live: 10)
 * @param qualityThreshold a conversation's LLM quality score must reach this ({@code CONVO_QUALITY_THRESHOLD}, 5)
 * @param packet           the task packet (live) or the seed window packet for older miners
 * @param nearestTag       score each tag against the nearest ground-truth tag instead of the ground
 *                         truth's mean (not live; closes the vague-word and echo exploits, see the README)
 */
public record StepSettings(int netuid, int sampleSize, Duration timeout, int maxConvoLines, int bundles, int tasksPerBundle,
                           int minTasks, int qualityThreshold, PacketShape packet, ScoringVersion scoringVersion,
                           RewardDistribution rewardDistribution, String mode, boolean nearestTag) {
    public static final String CGP_VERSION = "2.30.65";
    public static final int LIVE_SAMPLE_SIZE = 6;
    public static final int LIVE_BUNDLES = 10;
    public static final int LIVE_TASKS_PER_BUNDLE = 5;
    public static final int LIVE_MIN_TASKS = 10;
    public static final int LIVE_QUALITY_THRESHOLD = 5;
    public static final int LIVE_MAX_CONVO_LINES = 300;

    public StepSettings {
        if (sampleSize < 1) throw new IllegalArgumentException("--neuron.sample_size must be >= 1, got " + sampleSize);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("--neuron.timeout must be > 0");
        if (maxConvoLines < 1) throw new IllegalArgumentException("MAX_CONVO_LINES must be >= 1, got " + maxConvoLines);
        if (bundles < 1) throw new IllegalArgumentException("--validator.bundles must be >= 1, got " + bundles);
        if (tasksPerBundle < 1) throw new IllegalArgumentException("--windows must be >= 1 or all, got " + tasksPerBundle);
        if (minTasks < 1) throw new IllegalArgumentException("--validator.min_tasks must be >= 1, got " + minTasks);
        if (packet == null) throw new IllegalArgumentException("--validator.packet must be task or seed");
    }

    public static StepSettings defaults(int netuid) {
        return new StepSettings(netuid, LIVE_SAMPLE_SIZE, Duration.ofSeconds(12), LIVE_MAX_CONVO_LINES, LIVE_BUNDLES,
                LIVE_TASKS_PER_BUNDLE, LIVE_MIN_TASKS, LIVE_QUALITY_THRESHOLD, PacketShape.TASK, ScoringVersion.V2,
                RewardDistribution.LINEAR, "production", false);
    }

    /** At most {@code n} tasks per bundle; 0 means every window of a conversation. */
    public StepSettings withMaxWindows(int n) {
        return new StepSettings(netuid, sampleSize, timeout, maxConvoLines, bundles, n == 0 ? Integer.MAX_VALUE : n, minTasks,
                qualityThreshold, packet, scoringVersion, rewardDistribution, mode, nearestTag);
    }

    public StepSettings withSampleSize(int n) {
        return new StepSettings(netuid, n, timeout, maxConvoLines, bundles, tasksPerBundle, minTasks, qualityThreshold, packet,
                scoringVersion, rewardDistribution, mode, nearestTag);
    }

    public StepSettings withMode(String m) {
        return new StepSettings(netuid, sampleSize, timeout, maxConvoLines, bundles, tasksPerBundle, minTasks, qualityThreshold,
                packet, scoringVersion, rewardDistribution, m, nearestTag);
    }

    /** {@code bundles} per step, and a step needs {@code minTasks} tasks. */
    public StepSettings withBundles(int newBundles, int newMinTasks) {
        return new StepSettings(netuid, sampleSize, timeout, maxConvoLines, newBundles, tasksPerBundle, newMinTasks, qualityThreshold,
                packet, scoringVersion, rewardDistribution, mode, nearestTag);
    }

    public StepSettings withPacket(PacketShape p) {
        return new StepSettings(netuid, sampleSize, timeout, maxConvoLines, bundles, tasksPerBundle, minTasks, qualityThreshold, p,
                scoringVersion, rewardDistribution, mode, nearestTag);
    }
}
