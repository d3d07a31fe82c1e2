package org.cgp.validator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.QualityAssessment;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.WindowPacket;
import org.cgp.protocol.task.ConversationTask;
import org.cgp.protocol.task.Task;
import org.cgp.scoring.MinerScore;
import org.cgp.scoring.TagEvaluator;
import org.cgp.validator.StepEventListener.Phase;
import org.cgp.validator.bundle.ConversationBundle;
import org.cgp.validator.bundle.GroundTruthBuilder;
import org.cgp.validator.bundle.Masking;
import org.cgp.validator.bundle.PreparedBundle;
import org.cgp.validator.bundle.TaskBundle;
import org.cgp.validator.conversation.ConversationSource;
import org.cgp.validator.record.RecordPayload;
import org.cgp.validator.record.Records;
import org.cgp.validator.record.ResultRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One validator step as the live validators run it, in phases ({@link StepEventListener.Phase}):
 * <ol>
 *   <li><b>prepare</b>: reserve up to {@code bundles} task bundles and build each one's ground truth
 *       and tasks ({@link GroundTruthBuilder}), <b>recording</b> the validator record of each;</li>
 *   <li>with fewer than {@code minTasks} tasks in all, stop: nobody is queried, no weights follow;</li>
 *   <li>for each task in turn: <b>query</b> {@code sampleSize} miners with the masked task at the
 *       endpoints {@link MinerEndpoints} gives (408/422/503/none retried once after re-reading the
 *       miner's commitment), <b>judge</b> and <b>score</b> each answer the way its task type says
 *       ({@link AnswerScoring}: {@link TagAnswers} or {@link SkillAnswers}), then <b>record</b> one
 *       miner record per answer.</li>
 * </ol>
 * The step computes each task's rewards; it does not move the moving averages: the validator
 * applies the rewards of the report ({@link Scores#apply}). One miner's bad answer never costs the
 * others their scores, and a step that fails part way still reports the tasks it scored. Each phase
 * is a public method, so the verbose test can watch it; {@link #run()} chains them, and a
 * {@link StepEventListener} hears each phase end.
 */
public final class ValidatorStep {
    private static final Logger log = LoggerFactory.getLogger(ValidatorStep.class);

    private final ConversationSource source;
    private final LlmClient llm;
    private final Dendrite dendrite;
    private final Supplier<Metagraph> metagraph;
    private final int selfUid;
    private final String selfHotkey;
    private final MinerSampler sampler;
    private final ResultRecorder recorder;
    private final StepSettings settings;
    private final MinerEndpoints endpoints;
    private final StepEventListener listener;
    private final GroundTruthBuilder groundTruth;
    private final Records records;
    private final TagAnswers tagAnswers;
    private final SkillAnswers skillAnswers;
    private final Random random = new Random();
    private final StepTimings timings = new StepTimings();
    private volatile Timings lastTimings = new Timings(0, 0, 0, 0, 0);

    private ValidatorStep(Builder b) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.llm = Objects.requireNonNull(b.llm, "llm");
        Embedder embedder = Objects.requireNonNull(b.embedder, "embedder");
        this.dendrite = Objects.requireNonNull(b.dendrite, "dendrite");
        this.metagraph = Objects.requireNonNull(b.metagraph, "metagraph");
        this.selfHotkey = Objects.requireNonNull(b.selfHotkey, "selfHotkey");
        this.selfUid = b.selfUid;
        this.sampler = Objects.requireNonNull(b.sampler, "sampler");
        this.recorder = Objects.requireNonNull(b.recorder, "recorder");
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.endpoints = b.endpoints;
        this.listener = b.listener;
        this.groundTruth = new GroundTruthBuilder(llm, embedder, random, settings.maxConvoLines(), settings.qualityThreshold(),
                settings.tasksPerBundle());
        this.records = new Records(settings.mode(), llm.model(), embedder.model(), llm.provider(), StepSettings.CGP_VERSION, settings.netuid());
        this.tagAnswers = new TagAnswers(new TaskJudge(llm, random), embedder, new TagEvaluator(settings.scoringVersion()), settings.nearestTag(),
                records);
        this.skillAnswers = new SkillAnswers(new SkillAnswerScorer(llm, embedder), records);
    }

    public static Builder builder() { return new Builder(); }

    /**
     * The parts of a step. All but {@code endpoints} (default: every miner at its metagraph axon)
     * and {@code listener} (default: none) are required.
     */
    public static final class Builder {
        private ConversationSource source;
        private LlmClient llm;
        private Embedder embedder;
        private Dendrite dendrite;
        private Supplier<Metagraph> metagraph;
        private int selfUid;
        private String selfHotkey;
        private MinerSampler sampler;
        private ResultRecorder recorder;
        private StepSettings settings;
        private MinerEndpoints endpoints = MinerEndpoints.metagraphOnly();
        private StepEventListener listener = StepEventListener.NONE;

        private Builder() {}

        /** Where bundles come from. */
        public Builder source(ConversationSource v) { source = v; return this; }
        /** The ground truth's and the judge's LLM. */
        public Builder llm(LlmClient v) { llm = v; return this; }
        public Builder embedder(Embedder v) { embedder = v; return this; }
        public Builder dendrite(Dendrite v) { dendrite = v; return this; }
        /** The metagraph of the running step (read at each task). */
        public Builder metagraph(Supplier<Metagraph> v) { metagraph = v; return this; }
        /** The validator's own uid and hotkey (never queried; named in its records). */
        public Builder self(int uid, String hotkey) { selfUid = uid; selfHotkey = hotkey; return this; }
        public Builder sampler(MinerSampler v) { sampler = v; return this; }
        public Builder recorder(ResultRecorder v) { recorder = v; return this; }
        public Builder settings(StepSettings v) { settings = v; return this; }
        /** Where miners are reached (committed endpoints first). */
        public Builder endpoints(MinerEndpoints v) { endpoints = Objects.requireNonNull(v, "endpoints"); return this; }
        public Builder listener(StepEventListener v) { listener = Objects.requireNonNull(v, "listener"); return this; }

        public ValidatorStep build() { return new ValidatorStep(this); }
    }

    /** Where one step's time went, in milliseconds (a benchmark and the step's last log line read it). */
    public record Timings(long reserveAndGroundTruth, long queries, long judgeAndEmbed, long scoring, long records) {
        @Override public String toString() {
            return "reserve + ground truth " + reserveAndGroundTruth + " ms, queries " + queries + " ms, judging + embedding "
                    + judgeAndEmbed + " ms, scoring " + scoring + " ms, records " + records + " ms";
        }
    }

    /** The timings of the last {@link #run()}. */
    public Timings lastTimings() { return lastTimings; }

    /** A prepared bundle with the batch number its records carry. */
    public record Batch(PreparedBundle bundle, long number) {}

    /** Runs the whole step: bundles, then their tasks one by one. */
    public StepReport run() {
        return run(() -> false);
    }

    /**
     * Runs the step, looking at {@code stop} before each bundle and each task: once it is set, the
     * step ends after the task in flight and reports the tasks scored so far (their rewards count),
     * so a daemon asked to stop saves nearly all of a step instead of losing it.
     */
    public StepReport run(BooleanSupplier stop) {
        timings.reset();
        long start = System.nanoTime();
        try {
            StepReport report = runPhases(stop);
            notify(() -> listener.stepEnd(report, since(start)));
            return report;
        } finally {
            lastTimings = timings.snapshot();
            log.info("Step timings: {}", lastTimings);
        }
    }

    private StepReport runPhases(BooleanSupplier stop) {
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < settings.bundles() && !stop.getAsBoolean(); i++) {
            long t0 = System.nanoTime();
            Optional<PreparedBundle> p = reserve().flatMap(this::prepare);
            phaseEnd(Phase.PREPARE, t0);
            p.ifPresent(x -> batches.add(recordGroundTruth(x)));
        }
        List<String> guids = batches.stream().map(b -> b.bundle().bundle().guid()).toList();
        int tasks = batches.stream().mapToInt(b -> b.bundle().tasks().size()).sum();
        Guid first = batches.isEmpty() ? null : Guid.of(guids.get(0));
        List<String> firstTags = batches.isEmpty() ? List.of() : batches.get(0).bundle().tags();
        if (batches.isEmpty()) return StepReport.skipped(null, "no task bundle could be reserved and prepared");
        if (tasks < settings.minTasks()) {
            log.error("Not enough tasks received from endpoint: {} (at least {} needed). Aborting.", tasks, settings.minTasks());
            return new StepReport(first, firstTags, tasks, List.of(), "only " + tasks + " tasks (at least " + settings.minTasks() + " needed)", guids);
        }
        List<WindowOutcome> outcomes = new ArrayList<>();
        Function<String, StepReport> ended = why -> new StepReport(first, firstTags, tasks, outcomes, why, guids); // null: completed
        int n = 0;
        try {
            for (Batch b : batches) {
                for (Task t : b.bundle().tasks()) {
                    if (stop.getAsBoolean()) {
                        log.info("Stopping after {} of {} pieces: their scores are kept", outcomes.size(), tasks);
                        return ended.apply("stopped after " + outcomes.size() + " of " + tasks + " tasks");
                    }
                    log.info("Looping for piece {} out of {}", ++n, tasks);
                    WindowOutcome o = sendTask(b, t);
                    if (o.uids().isEmpty()) return ended.apply("no miners to query");
                    outcomes.add(o);
                }
            }
        } catch (RuntimeException e) { // the tasks scored so far keep their rewards
            log.error("Step failed at piece {} of {} ({}); the {} scored before it count", n, tasks, e.toString(), outcomes.size(), e);
            return ended.apply("failed: " + e);
        }
        return ended.apply(null);
    }

    /** Phase 1: the next bundle from the source. */
    public Optional<TaskBundle> reserve() {
        Optional<TaskBundle> b = source.reserve();
        b.ifPresent(x -> log.info("Reserved {} ID: {}. Sending to {} LLM...",
                x instanceof ConversationBundle ? "conversation" : x.type().wire() + " bundle", x.guid(), llm.provider()));
        return b;
    }

    /**
     * Phase 2: ground truth and tasks of one bundle, and with {@code assessQuality} a conversation's
     * five-way quality assessment; empty when it cannot be used (logged).
     */
    public Optional<PreparedBundle> prepare(TaskBundle b) {
        if (settings.packet() == PacketShape.SEED && !(b instanceof ConversationBundle)) {
            log.warn("Skipping {} bundle {}: seed packets carry conversation windows only", b.type(), b.guid());
            return Optional.empty();
        }
        Optional<PreparedBundle> p = groundTruth.prepare(b);
        if (p.isEmpty() || !settings.assessQuality() || !(b instanceof ConversationBundle c)) return p;
        try {
            QualityAssessment q = llm.assessQuality(c.lines());
            if (q != null) {
                log.info("Quality of conversation {}: relevance {} engagement {} novelty {} coherence {} fluency {}, boring index {} ({})",
                        b.guid(), q.relevance(), q.engagement(), q.novelty(), q.coherence(), q.fluency(), q.boringIndex(), q.method());
            }
            return Optional.of(p.get().withQuality(q));
        } catch (RuntimeException e) { // the assessment is for the dataset: without it the bundle is still scored
            log.warn("Assessing the quality of conversation {} failed ({}); it is recorded without", b.guid(), e.getMessage());
            return p;
        }
    }

    /** Records the validator record of a prepared bundle under a fresh batch number. */
    public Batch recordGroundTruth(PreparedBundle p) {
        long batch = random.nextLong(100_000, 10_000_000);
        long t0 = System.nanoTime();
        TaskBundle b = p.bundle();
        try {
            recorder.recordBundle(b);
            recorder.record(Guid.of(b.guid()), p.coverage() != null
                    ? records.skillGroundTruth(b, p.coverage().sections(), p.coverage().sectionVectors(), selfHotkey, selfUid, batch)
                    : records.groundTruth(b, p.tags(), p.truth().vectors(), p.profiles(), p.quality(), selfHotkey, selfUid, batch));
        } catch (RuntimeException e) { // the bundle's text is the API's: a record the recorder cannot take never costs the step
            log.error("Recording bundle {} failed ({}); the step goes on", b.guid(), e.getMessage());
        }
        phaseEnd(Phase.RECORD, t0);
        return new Batch(p, batch);
    }

    /** Phase 3 for one task: sample miners, query, judge, score, record. Its rewards are in the outcome, not yet applied. */
    public WindowOutcome sendTask(Batch batch, Task task) {
        PreparedBundle p = batch.bundle();
        String bundleGuid = p.bundle().guid();
        int windowIdx = task instanceof ConversationTask c ? c.windowIdx() : -1;
        String taskId = task.envelope().guid();
        List<Neuron> miners = sampler.sample(metagraph.get(), selfUid, settings.sampleSize());
        if (miners.isEmpty()) {
            log.warn("No miners found.");
            return new WindowOutcome(bundleGuid, task.type(), taskId, windowIdx, List.of(), List.of());
        }
        List<Integer> uids = miners.stream().map(Neuron::uid).toList();
        if (task instanceof ConversationTask) log.info("Send to conversation {} / {} to miners: {}", bundleGuid, windowIdx, uids);
        else log.info("Send {} task of bundle {} to miners: {}", task.type(), bundleGuid, uids);
        long t0 = System.nanoTime();
        List<DendriteResult<CgSynapse>> responses = query(miners, request(task));
        phaseEnd(Phase.QUERY, t0);
        return p.coverage() != null ? score(batch, task, miners, responses, skillAnswers) : score(batch, task, miners, responses, tagAnswers);
    }

    /** JUDGE, SCORE and RECORD of one task's answers, the same for every kind of answer. */
    private <J> WindowOutcome score(Batch batch, Task task, List<Neuron> miners, List<DendriteResult<CgSynapse>> responses,
                                    AnswerScoring<J> scoring) {
        PreparedBundle p = batch.bundle();
        long t0 = System.nanoTime();
        List<J> judged = new ArrayList<>(miners.size());
        for (int i = 0; i < miners.size(); i++) judged.add(scoring.judge(p, i, miners.get(i), responses.get(i)));
        phaseEnd(Phase.JUDGE, t0);

        long t1 = System.nanoTime();
        List<MinerScore> scores = new ArrayList<>(miners.size());
        for (int i = 0; i < miners.size(); i++) scores.add(scoring.score(p, miners.get(i), judged.get(i)));
        double[] rewards = settings.rewardDistribution().apply(scores.stream().mapToDouble(MinerScore::finalScore).toArray());
        List<MinerResult> results = new ArrayList<>(miners.size());
        for (int i = 0; i < miners.size(); i++) {
            results.add(scoring.result(miners.get(i), responses.get(i), judged.get(i), scores.get(i), rewards[i]));
        }
        WindowOutcome outcome = new WindowOutcome(p.bundle().guid(), task.type(), task.envelope().guid(),
                task instanceof ConversationTask c ? c.windowIdx() : -1, miners.stream().map(Neuron::uid).toList(), results);
        phaseEnd(Phase.SCORE, t1);
        notify(() -> listener.taskScored(outcome));

        long t2 = System.nanoTime();
        for (int i = 0; i < miners.size(); i++) {
            MinerResult r = results.get(i);
            try {
                RecordPayload record = scoring.record(batch, task, responses.get(i), judged.get(i), r);
                if (record != null) recorder.record(Guid.of(p.bundle().guid()), record);
            } catch (RuntimeException e) { // one record the recorder cannot take costs that record, never the step
                log.error("Recording the answer of uid {} failed ({}); the step goes on", r.uid(), e.getMessage());
            }
        }
        phaseEnd(Phase.RECORD, t2);
        return outcome;
    }

    private CgSynapse request(Task task) {
        double timeoutSeconds = settings.timeout().toMillis() / 1000.0;
        if (settings.packet() == PacketShape.SEED) {
            return CgSynapse.request(new WindowPacket(Guid.HIDDEN, -1, ((ConversationTask) task).window()), timeoutSeconds);
        }
        return CgSynapse.request(Masking.mask(task), timeoutSeconds);
    }

    /**
     * Queries every miner once at its endpoint ({@link MinerEndpoints}); after any answer that is
     * not a success (200 with an output) re-reads that miner's commitment, and retries once, at the
     * endpoint it now has, those whose status is 408, 422, 503 or none (CGP 2.37.74's retry set).
     */
    private List<DendriteResult<CgSynapse>> query(List<Neuron> miners, CgSynapse request) {
        List<DendriteResult<CgSynapse>> results = new ArrayList<>(
                dendrite.forward(miners.stream().map(endpoints::axonFor).toList(), CgSynapse.NAME, request, CgSynapse.class, settings.timeout()));
        List<Integer> retry = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            DendriteResult<CgSynapse> r = results.get(i);
            if (r.isSuccess() && r.response().output() != null) continue;
            endpoints.refreshOne(miners.get(i));
            if (isRetried(r.statusCode())) retry.add(i);
        }
        if (!retry.isEmpty()) {
            log.info("Retrying {} miners that answered {}: {}", retry.size(), retry.stream().map(i -> results.get(i).statusCode()).distinct().toList(),
                    retry.stream().map(i -> miners.get(i).uid()).toList());
            List<DendriteResult<CgSynapse>> again = dendrite.forward(retry.stream().map(i -> endpoints.axonFor(miners.get(i))).toList(),
                    CgSynapse.NAME, request, CgSynapse.class, settings.timeout());
            for (int j = 0; j < retry.size(); j++) results.set(retry.get(j), again.get(j));
        }
        return results;
    }

    /** The live retry set {408, 422, 503, None}: a timeout, an unreadable answer, no connection, or no status at all. */
    static boolean isRetried(int status) {
        return status == 408 || status == 422 || status == 503 || status < 100;
    }

    private void phaseEnd(Phase phase, long startNanos) {
        Duration took = since(startNanos);
        timings.phaseEnd(phase, took);
        notify(() -> listener.phaseEnd(phase, took));
    }

    private static Duration since(long startNanos) { return Duration.ofNanos(System.nanoTime() - startNanos); }

    /** Tells the listener; a listener that throws loses its own event, never the step. */
    private static void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            log.warn("A step listener failed: {}", e.toString());
        }
    }
}
