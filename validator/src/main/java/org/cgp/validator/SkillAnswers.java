package org.cgp.validator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cgp.chain.Neuron;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.task.Task;
import org.cgp.scoring.MinerScore;
import org.cgp.scoring.SkillCoverageScoring;
import org.cgp.validator.ValidatorStep.Batch;
import org.cgp.validator.bundle.PreparedBundle;
import org.cgp.validator.record.RecordPayload;
import org.cgp.validator.record.Records;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skill-coverage answers: each read, judged, embedded and scored by {@link SkillAnswerScorer} and
 * recorded in the 2.37 shape. An answer that fails (an embedding error) scores 0 alone.
 */
final class SkillAnswers implements AnswerScoring<SkillAnswers.Judged> {
    private static final Logger log = LoggerFactory.getLogger(ValidatorStep.class); // the step's log lines keep the step's name

    /** One answer judged and scored, or why it could not be ({@code scored} null, and whether the validator was at fault). */
    record Judged(SkillAnswerScorer.Scored scored, String failure, boolean validatorFailed) {}

    private final SkillAnswerScorer scorer;
    private final Records records;

    SkillAnswers(SkillAnswerScorer scorer, Records records) {
        this.scorer = scorer;
        this.records = records;
    }

    @Override public Judged judge(PreparedBundle p, int idx, Neuron m, DendriteResult<CgSynapse> r) {
        MinerOutput out = r.isSuccess() ? r.response().output() : null;
        if (out == null) {
            String why = AnswerScoring.failure(r);
            log.info("BAD RESPONSE from miner idx: {} uid: {}: {}", idx, m.uid(), why);
            return new Judged(null, why, false);
        }
        SkillAnswerScorer.Scored s;
        try {
            s = scorer.score(m.uid(), out, p.coverage());
        } catch (RuntimeException e) { // a remote embedder's 429 or timeout: this answer goes unscored, the step goes on
            log.warn("Scoring the skill answer of miner uid {} failed: {}; this answer is not counted in its moving average", m.uid(),
                    e.toString());
            return new Judged(null, "the validator could not embed its answer: " + e.getMessage(), true);
        }
        log.info("RESULTS from miner idx: {} uid: {}, tests: {} in scored sections: {} judged correct: {}", idx, m.uid(), s.testsSent(),
                s.result().totalTests(), s.judgedCorrect());
        return new Judged(s, null, false);
    }

    @Override public MinerScore score(PreparedBundle p, Neuron m, Judged j) {
        if (j.scored() == null) return new MinerScore(m.uid(), m.hotkey(), 0, 0, 0, 0, 0, j.failure());
        SkillCoverageScoring.Result res = j.scored().result();
        log.info("Scores: section coverage {} skill coverage {} adjusted {} final {}{}", fmt(res.sectionCoverage()), fmt(res.skillCoverage()),
                fmt(res.adjustedScore()), fmt(res.finalScore()), res.zeroReason() != null ? " (" + res.zeroReason() + ")"
                        : res.penalties().isEmpty() ? "" : " penalties " + res.penalties());
        return new MinerScore(m.uid(), m.hotkey(), res.adjustedScore(), res.finalScore(), res.totalTests(), j.scored().judgedCorrect(), 0,
                res.zeroReason());
    }

    @Override public MinerResult result(Neuron m, DendriteResult<CgSynapse> r, Judged j, MinerScore score, double reward) {
        return new MinerResult(m.uid(), m.hotkey(), r.statusCode(), r.statusMessage(), List.of(), List.of(),
                j.scored() == null ? 0 : j.scored().result().totalTests(), score, reward, !j.validatorFailed());
    }

    @Override public RecordPayload record(Batch batch, Task task, DendriteResult<CgSynapse> r, Judged j, MinerResult mr) {
        SkillAnswerScorer.Scored s = j.scored();
        if (s == null) return null;
        MinerOutput out = r.response().output();
        return records.skillAnswer(batch.bundle().bundle().guid(), task, mr.hotkey(), mr.uid(), s.skill(), out.tddPlan(),
                out.sectionTests() == null ? Map.of() : out.sectionTests(), s.skillVector(), s.testVectors(), AnswerScoring.score(mr),
                batch.number());
    }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.4f", v); }
}
