package org.cgp.validator;

import java.time.Duration;
import org.cgp.scoring.RewardDistribution;
import org.cgp.scoring.ScoringVersion;

/**
 * The knobs of one validator step; {@link #defaults} (and {@link #builder}) start from the live
 * validators' values, each defined once here.
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
                           RewardDistribution rewardDistribution, String mode, boolean nearestTag, boolean assessQuality) {
    /** The live code we are at parity with (all six task types): CGP 2.37.74 at 2741fa0. */
    public static final String CGP_VERSION = "2.37.74";
    /** Its {@code __spec_version__} (1000 major + 10 minor + patch), the live weights' version key. */
    public static final int SPEC_VERSION = 2444;
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

    /** Seconds a miner has to answer (the live validators' {@code --neuron.timeout}). */
    public static final int LIVE_TIMEOUT_SECONDS = (int) org.cgp.protocol.synapse.CgSynapse.DEFAULT_TIMEOUT_SECONDS;
    public static final Duration LIVE_TIMEOUT = Duration.ofSeconds(LIVE_TIMEOUT_SECONDS);
    /** {@code SYSTEM_MODE} unless the environment says otherwise. */
    public static final String DEFAULT_MODE = "production";

    /** The live validators' values. */
    public static StepSettings defaults(int netuid) {
        return builder(netuid).build();
    }

    /** The live values, changed one knob at a time. */
    public static Builder builder(int netuid) { return new Builder(netuid); }

    public Builder toBuilder() {
        Builder b = new Builder(netuid);
        b.sampleSize = sampleSize; b.timeout = timeout; b.maxConvoLines = maxConvoLines; b.bundles = bundles;
        b.tasksPerBundle = tasksPerBundle; b.minTasks = minTasks; b.qualityThreshold = qualityThreshold; b.packet = packet;
        b.scoringVersion = scoringVersion; b.rewardDistribution = rewardDistribution; b.mode = mode; b.nearestTag = nearestTag;
        b.assessQuality = assessQuality;
        return b;
    }

    /** At most {@code n} tasks per bundle; 0 means every window of a conversation. */
    public StepSettings withMaxWindows(int n) { return toBuilder().maxWindows(n).build(); }

    public StepSettings withSampleSize(int n) { return toBuilder().sampleSize(n).build(); }

    public StepSettings withMode(String m) { return toBuilder().mode(m).build(); }

    /** {@code bundles} per step, and a step needs {@code minTasks} tasks. */
    public StepSettings withBundles(int newBundles, int newMinTasks) { return toBuilder().bundles(newBundles).minTasks(newMinTasks).build(); }

    /** Every knob with its live default; {@link #build} checks them. */
    public static final class Builder {
        private final int netuid;
        private int sampleSize = LIVE_SAMPLE_SIZE;
        private Duration timeout = LIVE_TIMEOUT;
        private int maxConvoLines = LIVE_MAX_CONVO_LINES;
        private int bundles = LIVE_BUNDLES;
        private int tasksPerBundle = LIVE_TASKS_PER_BUNDLE;
        private int minTasks = LIVE_MIN_TASKS;
        private int qualityThreshold = LIVE_QUALITY_THRESHOLD;
        private PacketShape packet = PacketShape.TASK;
        private ScoringVersion scoringVersion = ScoringVersion.V2;
        private RewardDistribution rewardDistribution = RewardDistribution.LINEAR;
        private String mode = DEFAULT_MODE;
        private boolean nearestTag;
        private boolean assessQuality;

        private Builder(int netuid) { this.netuid = netuid; }

        public Builder sampleSize(int v) { sampleSize = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder maxConvoLines(int v) { maxConvoLines = v; return this; }
        public Builder bundles(int v) { bundles = v; return this; }
        public Builder tasksPerBundle(int v) { tasksPerBundle = v; return this; }
        /** At most {@code n} tasks per bundle; 0 means every window of a conversation. */
        public Builder maxWindows(int n) { tasksPerBundle = n == 0 ? Integer.MAX_VALUE : n; return this; }
        public Builder minTasks(int v) { minTasks = v; return this; }
        public Builder qualityThreshold(int v) { qualityThreshold = v; return this; }
        public Builder packet(PacketShape v) { packet = v; return this; }
        public Builder scoringVersion(ScoringVersion v) { scoringVersion = v; return this; }
        public Builder rewardDistribution(RewardDistribution v) { rewardDistribution = v; return this; }
        public Builder mode(String v) { mode = v; return this; }
        public Builder nearestTag(boolean v) { nearestTag = v; return this; }
        /** Whether a conversation's ground truth also gets the five-way quality assessment (for a store's dataset; one more LLM call). */
        public Builder assessQuality(boolean v) { assessQuality = v; return this; }

        public StepSettings build() {
            return new StepSettings(netuid, sampleSize, timeout, maxConvoLines, bundles, tasksPerBundle, minTasks, qualityThreshold,
                    packet, scoringVersion, rewardDistribution, mode, nearestTag, assessQuality);
        }
    }
}
