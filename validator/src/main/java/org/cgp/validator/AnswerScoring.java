package org.cgp.validator;

import org.cgp.chain.Neuron;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.task.Task;
import org.cgp.scoring.MinerScore;
import org.cgp.validator.ValidatorStep.Batch;
import org.cgp.validator.bundle.PreparedBundle;
import org.cgp.validator.record.RecordData;
import org.cgp.validator.record.RecordPayload;

/**
 * How the answers to one kind of task are judged, scored and recorded; {@link ValidatorStep} runs
 * the phases around it, the same for every kind. Two implementations: {@link TagAnswers} (tags
 * against a ground truth: conversations, webpages, surveys, named entities, skill generation) and
 * {@link SkillAnswers} (skill coverage). No method throws for one miner's answer: what goes wrong
 * there is that answer's failure and costs no one else.
 *
 * @param <J> one answer as judged
 */
interface AnswerScoring<J> {
    /** JUDGE: the {@code idx}-th miner's answer read, judged and embedded (logged as the live validators do). */
    J judge(PreparedBundle bundle, int idx, Neuron miner, DendriteResult<CgSynapse> response);

    /** SCORE: what that answer scores under the bundle's mechanism. */
    MinerScore score(PreparedBundle bundle, Neuron miner, J judged);

    /** What the miner did, as the step reports it. */
    MinerResult result(Neuron miner, DendriteResult<CgSynapse> response, J judged, MinerScore score, double reward);

    /** RECORD: the miner record of that answer, or null when the answer is not recorded (nothing usable came back). */
    RecordPayload record(Batch batch, Task task, DendriteResult<CgSynapse> response, J judged, MinerResult result);

    /** What an answer scored, as its record carries it. */
    static RecordData.Score score(MinerResult r) {
        return new RecordData.Score(r.status(), r.score().adjustedScore(), r.score().finalScore(), r.reward(), r.score().zeroReason());
    }

    /** Why a call brought no answer, for the log and the score. */
    static String failure(DendriteResult<CgSynapse> r) {
        return r.isSuccess() ? "empty cgp_output" : r.statusCode() + " " + r.statusMessage();
    }
}
