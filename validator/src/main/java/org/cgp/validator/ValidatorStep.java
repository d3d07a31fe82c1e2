package org.cgp.validator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.synapse.WindowPacket;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.task.ConversationTask;
import org.cgp.protocol.task.Task;
import org.cgp.scoring.MinerScore;
import org.cgp.scoring.MinerTags;
import org.cgp.scoring.SkillCoverageScoring;
import org.cgp.scoring.TagEvaluator;
import org.cgp.validator.bundle.ConversationBundle;
import org.cgp.validator.bundle.GroundTruthBuilder;
import org.cgp.validator.bundle.Masking;
import org.cgp.validator.bundle.PreparedBundle;
import org.cgp.validator.bundle.TaskBundle;
import org.cgp.validator.conversation.ConversationSource;
import org.cgp.validator.record.Records;
import org.cgp.validator.record.ResultRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One validator step as the live validators run it, in phases:
 * <ol>
 *   <li><b>reserve</b> up to {@code bundles} task bundles and <b>prepare</b> each (ground truth and
 *       tasks, {@link GroundTruthBuilder}), recording the validator record of each;</li>
 *   <li>with fewer than {@code minTasks} tasks in all, stop: nobody is queried, no weights follow;</li>
 *   <li>for each task in turn: <b>query</b> {@code sampleSize} miners with the masked task at the
 *       endpoints {@link MinerEndpoints} gives (408/422/503/none retried once after re-reading the
 *       miner's commitment), <b>judge</b> each answer's tags ({@link TaskJudge}), <b>score</b> them under
 *       the type's mechanism, <b>reward</b> (the moving average is updated per task) and
 *       <b>record</b> one miner record per answer.</li>
 * </ol>
 * One miner's bad answer never costs the others their scores. Each phase is a public method, so the
 * verbose test can watch it; {@link #run()} chains them.
 */
public final class ValidatorStep {
    private static final Logger log = LoggerFactory.getLogger(ValidatorStep.class);

    private final ConversationSource source;
    private final LlmClient llm;
    private final Embedder embedder;
    private final Dendrite dendrite;
    private final Supplier<Metagraph> metagraph;
    private final int selfUid;
    private final String selfHotkey;
    private final MinerSampler sampler;
    private final Scores scores;
    private final ResultRecorder recorder;
    private final StepSettings settings;
    private final TagEvaluator evaluator;
    private final GroundTruthBuilder groundTruth;
    private final TaskJudge judge;
    private final Records records;
    private final Random random = new Random();
    private final MinerEndpoints endpoints;
    private final SkillAnswerScorer skillScorer;

    /** A step that reaches every miner at its metagraph axon. */
    public ValidatorStep(ConversationSource source, LlmClient llm, Embedder embedder, Dendrite dendrite,
                         Supplier<Metagraph> metagraph, int selfUid, String selfHotkey, MinerSampler sampler,
                         Scores scores, ResultRecorder recorder, StepSettings settings) {
        this(source, llm, embedder, dendrite, metagraph, selfUid, selfHotkey, sampler, scores, recorder, settings, MinerEndpoints.metagraphOnly());
    }

    /** A step that reaches miners where {@code endpoints} says (committed endpoints first). */
    public ValidatorStep(ConversationSource source, LlmClient llm, Embedder embedder, Dendrite dendrite,
                         Supplier<Metagraph> metagraph, int selfUid, String selfHotkey, MinerSampler sampler,
                         Scores scores, ResultRecorder recorder, StepSettings settings, MinerEndpoints endpoints) {
        this.endpoints = endpoints;
        this.source = source;
        this.llm = llm;
        this.embedder = embedder;
        this.dendrite = dendrite;
        this.metagraph = metagraph;
        this.selfUid = selfUid;
        this.selfHotkey = selfHotkey;
        this.sampler = sampler;
        this.scores = scores;
        this.recorder = recorder;
        this.settings = settings;
        this.evaluator = new TagEvaluator(settings.scoringVersion());
        this.groundTruth = new GroundTruthBuilder(llm, embedder, random, settings.maxConvoLines(), settings.qualityThreshold(),
                settings.tasksPerBundle());
        this.judge = new TaskJudge(llm, random);
        this.skillScorer = new SkillAnswerScorer(llm, embedder);
        this.records = new Records(settings.mode(), llm.model(), embedder.model(), llm.provider(), StepSettings.CGP_VERSION, settings.netuid());
    }

    /** Where one step's time went, in milliseconds (a benchmark and the step's last log line read it). */
    public record Timings(long reserveAndGroundTruth, long queries, long judgeAndEmbed, long scoring, long records) {
        @Override public String toString() {
            return "reserve + ground truth " + reserveAndGroundTruth + " ms, queries " + queries + " ms, judging + embedding "
                    + judgeAndEmbed + " ms, scoring " + scoring + " ms, records " + records + " ms";
        }
    }

    private final long[] nanos = new long[5];
    private volatile Timings lastTimings = new Timings(0, 0, 0, 0, 0);

    /** The timings of the last {@link #run()}. */
    public Timings lastTimings() { return lastTimings; }

    /** A prepared bundle with the batch number its records carry. */
    public record Batch(PreparedBundle bundle, long number) {}

    /** Runs the whole step: bundles, then their tasks one by one. */
    public StepReport run() {
        java.util.Arrays.fill(nanos, 0);
        try {
            return runPhases();
        } finally {
            lastTimings = new Timings(nanos[0] / 1_000_000, nanos[1] / 1_000_000, nanos[2] / 1_000_000, nanos[3] / 1_000_000, nanos[4] / 1_000_000);
            log.info("Step timings: {}", lastTimings);
        }
    }

    private StepReport runPhases() {
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < settings.bundles(); i++) {
            long t0 = System.nanoTime();
            Optional<PreparedBundle> p = reserve().flatMap(this::prepare);
            nanos[0] += System.nanoTime() - t0;
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
        int n = 0;
        for (Batch b : batches) {
            for (Task t : b.bundle().tasks()) {
                log.info("Looping for piece {} out of {}", ++n, tasks);
                WindowOutcome o = sendTask(b, t);
                if (o.uids().isEmpty()) return new StepReport(first, firstTags, tasks, outcomes, "no miners to query", guids);
                outcomes.add(o);
            }
        }
        return new StepReport(first, firstTags, tasks, outcomes, null, guids);
    }

    /** Phase 1: the next bundle from the source. */
    public Optional<TaskBundle> reserve() {
        Optional<TaskBundle> b = source.reserve();
        b.ifPresent(x -> log.info("Reserved {} ID: {}. Sending to {} LLM...",
                x instanceof ConversationBundle ? "conversation" : x.type().wire() + " bundle", x.guid(), llm.provider()));
        return b;
    }

    /** Phase 2: ground truth and tasks of one bundle; empty when it cannot be used (logged). */
    public Optional<PreparedBundle> prepare(TaskBundle b) {
        if (settings.packet() == PacketShape.SEED && !(b instanceof ConversationBundle)) {
            log.warn("Skipping {} bundle {}: seed packets carry conversation windows only", b.type(), b.guid());
            return Optional.empty();
        }
        return groundTruth.prepare(b);
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
                    : records.groundTruth(b, p.tags(), p.truth().vectors(), p.profiles(), selfHotkey, selfUid, batch));
        } catch (RuntimeException e) { // the bundle's text is the API's: a record the recorder cannot take never costs the step
            log.error("Recording bundle {} failed ({}); the step goes on", b.guid(), e.getMessage());
        }
        nanos[4] += System.nanoTime() - t0;
        return new Batch(p, batch);
    }

    /** Phase 3 for one task: sample miners, query, judge, score, reward, record. */
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
        long t1 = System.nanoTime();
        nanos[1] += t1 - t0;
        if (p.coverage() != null) return scoreSkillCoverage(batch, task, miners, responses, t1);

        List<MinerTags> judged = new ArrayList<>(miners.size());
        List<List<String>> originals = new ArrayList<>(miners.size());
        for (int i = 0; i < miners.size(); i++) {
            Neuron m = miners.get(i);
            DendriteResult<CgSynapse> r = responses.get(i);
            MinerOutput out = r.isSuccess() ? r.response().output() : null;
            if (out == null) {
                String why = r.isSuccess() ? "empty cgp_output" : r.statusCode() + " " + r.statusMessage();
                log.info("BAD RESPONSE from miner idx: {} uid: {}: {}", i, m.uid(), why);
                judged.add(MinerTags.failed(m.uid(), m.hotkey(), why));
                originals.add(List.of());
                continue;
            }
            List<String> kept;
            try {
                kept = judge.keep(p, out.tags());
            } catch (RuntimeException e) { // the live code would lose the whole step here; only this miner loses
                log.warn("Tag filter failed for miner uid {}: {}; its answer keeps no tag", m.uid(), e.toString());
                kept = List.of();
            }
            List<float[]> vectors;
            try {
                vectors = kept.isEmpty() ? List.of() : embedder.embedAll(kept);
            } catch (RuntimeException e) { // a remote embedder's 429 or timeout: this answer goes unscored, the step goes on
                log.warn("Embedding the tags of miner uid {} failed: {}; its answer scores 0", m.uid(), e.toString());
                judged.add(MinerTags.failed(m.uid(), m.hotkey(), "the validator could not embed its tags: " + e.getMessage()));
                originals.add(out.tags());
                continue;
            }
            log.info("RESULTS from miner idx: {} uid: {}, tags: {} vector count: {}", i, m.uid(), kept.size(), vectors.size());
            judged.add(new MinerTags(m.uid(), m.hotkey(), kept, vectors, null));
            originals.add(out.tags());
        }

        long t2 = System.nanoTime();
        nanos[2] += t2 - t1;
        double[] finals = new double[judged.size()];
        List<MinerScore> scores = new ArrayList<>(judged.size());
        org.cgp.scoring.ScoringMechanism mechanism = settings.nearestTag() ? p.mechanism().nearest() : p.mechanism();
        for (int i = 0; i < judged.size(); i++) {
            MinerScore s = evaluator.evaluate(p.truth(), judged.get(i), mechanism);
            scores.add(s);
            finals[i] = s.finalScore();
            log.info("Scores num: {} num of Unique tags: {} num of full convo tags: {}", s.tagCount(), s.uniqueCount(), p.tags().size());
            if (log.isDebugEnabled() && judged.get(i).failure() == null) {
                log.debug("uid {} score breakdown:\n{}", judged.get(i).uid(), evaluator.explain(p.truth(), judged.get(i), mechanism));
            }
        }
        double[] rewards = settings.rewardDistribution().apply(finals);
        this.scores.update(uids.stream().mapToInt(Integer::intValue).toArray(), rewards);
        long t3 = System.nanoTime();
        nanos[3] += t3 - t2;
        List<MinerResult> results = new ArrayList<>(miners.size());
        for (int i = 0; i < miners.size(); i++) {
            DendriteResult<CgSynapse> r = responses.get(i);
            MinerResult mr = new MinerResult(miners.get(i).uid(), miners.get(i).hotkey(), r.statusCode(), r.statusMessage(),
                    Records.capped(originals.get(i)), judged.get(i).tags(), judged.get(i).tags().size(), scores.get(i), rewards[i]);
            results.add(mr);
            if (judged.get(i).failure() == null) recordAnswer(batch, task, mr, judged.get(i), originals.get(i));
        }
        nanos[4] += System.nanoTime() - t3;
        return new WindowOutcome(bundleGuid, task.type(), taskId, windowIdx, uids, results);
    }

    /**
     * The rest of phase 3 for a skill-coverage task: each answer read, judged, embedded and scored
     * ({@link SkillAnswerScorer}), rewarded and recorded in the 2.37 shape. One answer that fails
     * (an embedding error) scores 0 alone.
     */
    private WindowOutcome scoreSkillCoverage(Batch batch, Task task, List<Neuron> miners, List<DendriteResult<CgSynapse>> responses, long t1) {
        PreparedBundle p = batch.bundle();
        List<Integer> uids = miners.stream().map(Neuron::uid).toList();
        double[] finals = new double[miners.size()];
        List<MinerScore> minerScores = new ArrayList<>();
        List<SkillAnswerScorer.Scored> scoredAnswers = new ArrayList<>();
        for (int i = 0; i < miners.size(); i++) {
            Neuron m = miners.get(i);
            DendriteResult<CgSynapse> r = responses.get(i);
            MinerOutput out = r.isSuccess() ? r.response().output() : null;
            SkillAnswerScorer.Scored s = null;
            String why = null;
            if (out == null) {
                why = r.isSuccess() ? "empty cgp_output" : r.statusCode() + " " + r.statusMessage();
                log.info("BAD RESPONSE from miner idx: {} uid: {}: {}", i, m.uid(), why);
            } else {
                try {
                    s = skillScorer.score(m.uid(), out, p.coverage());
                } catch (RuntimeException e) { // a remote embedder's 429 or timeout: this answer goes unscored, the step goes on
                    why = "the validator could not embed its answer: " + e.getMessage();
                    log.warn("Scoring the skill answer of miner uid {} failed: {}; it scores 0", m.uid(), e.toString());
                }
            }
            scoredAnswers.add(s);
            if (s == null) {
                minerScores.add(new MinerScore(m.uid(), m.hotkey(), 0, 0, 0, 0, 0, why));
                continue;
            }
            SkillCoverageScoring.Result res = s.result();
            log.info("RESULTS from miner idx: {} uid: {}, tests: {} in scored sections: {} judged correct: {}", i, m.uid(), s.testsSent(),
                    res.totalTests(), s.judgedCorrect());
            log.info("Scores: section coverage {} skill coverage {} adjusted {} final {}{}", fmt(res.sectionCoverage()), fmt(res.skillCoverage()),
                    fmt(res.adjustedScore()), fmt(res.finalScore()), res.zeroReason() != null ? " (" + res.zeroReason() + ")"
                            : res.penalties().isEmpty() ? "" : " penalties " + res.penalties());
            finals[i] = res.finalScore();
            minerScores.add(new MinerScore(m.uid(), m.hotkey(), res.adjustedScore(), res.finalScore(), res.totalTests(), s.judgedCorrect(), 0,
                    res.zeroReason()));
        }
        long t2 = System.nanoTime();
        nanos[2] += t2 - t1;
        double[] rewards = settings.rewardDistribution().apply(finals);
        this.scores.update(uids.stream().mapToInt(Integer::intValue).toArray(), rewards);
        long t3 = System.nanoTime();
        nanos[3] += t3 - t2;
        List<MinerResult> results = new ArrayList<>(miners.size());
        String bundleGuid = p.bundle().guid();
        for (int i = 0; i < miners.size(); i++) {
            DendriteResult<CgSynapse> r = responses.get(i);
            SkillAnswerScorer.Scored s = scoredAnswers.get(i);
            MinerResult mr = new MinerResult(miners.get(i).uid(), miners.get(i).hotkey(), r.statusCode(), r.statusMessage(), List.of(), List.of(),
                    s == null ? 0 : s.result().totalTests(), minerScores.get(i), rewards[i]);
            results.add(mr);
            if (s == null) continue;
            MinerOutput out = r.response().output();
            try {
                recorder.record(Guid.of(bundleGuid), records.skillAnswer(bundleGuid, task, mr.hotkey(), mr.uid(), s.skill(), out.tddPlan(),
                        out.sectionTests() == null ? java.util.Map.of() : out.sectionTests(), s.skillVector(), s.testVectors(), scoreNode(mr),
                        batch.number()));
            } catch (RuntimeException e) { // one record the recorder cannot take costs that record, never the step
                log.error("Recording the answer of uid {} failed ({}); the step goes on", mr.uid(), e.getMessage());
            }
        }
        nanos[4] += System.nanoTime() - t3;
        return new WindowOutcome(bundleGuid, task.type(), task.envelope().guid(), -1, uids, results);
    }

    private static String fmt(double v) { return String.format(java.util.Locale.ROOT, "%.4f", v); }

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

    /** The miner record of one answer, as the live validators write it (see {@link Records}). */
    private void recordAnswer(Batch batch, Task task, MinerResult r, MinerTags judged, List<String> original) {
        ObjectNode score = scoreNode(r);
        String bundleGuid = batch.bundle().bundle().guid();
        try {
            recorder.record(Guid.of(bundleGuid), records.answer(bundleGuid, task, r.hotkey(), r.uid(), judged.tags(), judged.vectors(),
                    original, score, batch.number()));
        } catch (RuntimeException e) { // one record the recorder cannot take costs that record, never the step
            log.error("Recording the answer of uid {} failed ({}); the step goes on", r.uid(), e.getMessage());
        }
    }

    /** What an answer scored, as its record carries it. */
    private static ObjectNode scoreNode(MinerResult r) {
        ObjectNode score = WireJson.mapper().createObjectNode();
        score.put("status_code", r.status());
        score.put("adjusted_score", r.score().adjustedScore());
        score.put("final_miner_score", r.score().finalScore());
        score.put("reward", r.reward());
        if (r.score().zeroReason() != null) score.put("zero_reason", r.score().zeroReason());
        return score;
    }
}
