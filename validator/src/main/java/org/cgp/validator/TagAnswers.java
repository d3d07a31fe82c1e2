package org.cgp.validator;

import java.util.List;
import org.cgp.chain.Neuron;
import org.cgp.llm.Embedder;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.task.Task;
import org.cgp.scoring.MinerScore;
import org.cgp.scoring.MinerTags;
import org.cgp.scoring.ScoringMechanism;
import org.cgp.scoring.TagEvaluator;
import org.cgp.validator.ValidatorStep.Batch;
import org.cgp.validator.bundle.PreparedBundle;
import org.cgp.validator.record.RecordPayload;
import org.cgp.validator.record.Records;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers that are tags: kept by the judge ({@link TaskJudge}), embedded by the validator, scored
 * against the bundle's ground truth under its mechanism ({@link TagEvaluator}). A judge or
 * embedding failure costs only that miner (the live code would lose the whole step).
 */
final class TagAnswers implements AnswerScoring<TagAnswers.Judged> {
    private static final Logger log = LoggerFactory.getLogger(ValidatorStep.class); // the step's log lines keep the step's name

    /**
     * One answer judged: the tags kept with their vectors (or why none), every tag the miner sent,
     * and whether the validator itself failed to judge it (its LLM or embedder refused).
     */
    record Judged(MinerTags kept, List<String> original, boolean validatorFailed) {
        Judged(MinerTags kept, List<String> original) { this(kept, original, false); }
    }

    private final TaskJudge judge;
    private final Embedder embedder;
    private final TagEvaluator evaluator;
    private final boolean nearestTag;
    private final Records records;

    TagAnswers(TaskJudge judge, Embedder embedder, TagEvaluator evaluator, boolean nearestTag, Records records) {
        this.judge = judge;
        this.embedder = embedder;
        this.evaluator = evaluator;
        this.nearestTag = nearestTag;
        this.records = records;
    }

    @Override public Judged judge(PreparedBundle p, int idx, Neuron m, DendriteResult<CgSynapse> r) {
        MinerOutput out = r.isSuccess() ? r.response().output() : null;
        if (out == null) {
            String why = AnswerScoring.failure(r);
            log.info("BAD RESPONSE from miner idx: {} uid: {}: {}", idx, m.uid(), why);
            return new Judged(MinerTags.failed(m.uid(), m.hotkey(), why), List.of());
        }
        List<String> kept;
        try {
            kept = judge.keep(p, out.tags());
        } catch (RuntimeException e) { // the live code would lose the whole step; here only this answer goes unjudged, and uncounted
            log.warn("Tag filter failed for miner uid {}: {}; this answer is not counted in its moving average", m.uid(), e.toString());
            return new Judged(MinerTags.failed(m.uid(), m.hotkey(), "the validator could not judge its tags: " + e.getMessage()),
                    out.tags(), true);
        }
        List<float[]> vectors;
        try {
            vectors = kept.isEmpty() ? List.of() : embedder.embedAll(kept);
        } catch (RuntimeException e) { // a remote embedder's 429 or timeout: this answer goes unscored, the step goes on
            log.warn("Embedding the tags of miner uid {} failed: {}; this answer is not counted in its moving average", m.uid(), e.toString());
            return new Judged(MinerTags.failed(m.uid(), m.hotkey(), "the validator could not embed its tags: " + e.getMessage()), out.tags(),
                    true);
        }
        log.info("RESULTS from miner idx: {} uid: {}, tags: {} vector count: {}", idx, m.uid(), kept.size(), vectors.size());
        return new Judged(new MinerTags(m.uid(), m.hotkey(), kept, vectors, null), out.tags());
    }

    @Override public MinerScore score(PreparedBundle p, Neuron m, Judged j) {
        ScoringMechanism mechanism = nearestTag ? p.mechanism().nearest() : p.mechanism();
        MinerScore s = evaluator.evaluate(p.truth(), j.kept(), mechanism);
        log.info("Scores num: {} num of Unique tags: {} num of full convo tags: {}", s.tagCount(), s.uniqueCount(), p.tags().size());
        if (log.isDebugEnabled() && j.kept().failure() == null) {
            log.debug("uid {} score breakdown:\n{}", m.uid(), evaluator.explain(p.truth(), j.kept(), mechanism));
        }
        return s;
    }

    @Override public MinerResult result(Neuron m, DendriteResult<CgSynapse> r, Judged j, MinerScore score, double reward) {
        return new MinerResult(m.uid(), m.hotkey(), r.statusCode(), r.statusMessage(), Records.capped(j.original()), j.kept().tags(),
                j.kept().tags().size(), score, reward, !j.validatorFailed());
    }

    @Override public RecordPayload record(Batch batch, Task task, DendriteResult<CgSynapse> r, Judged j, MinerResult mr) {
        if (j.kept().failure() != null) return null;
        return records.answer(batch.bundle().bundle().guid(), task, mr.hotkey(), mr.uid(), j.kept().tags(), j.kept().vectors(), j.original(),
                AnswerScoring.score(mr), batch.number());
    }
}
