package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.llm.LlmClient;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.axon.AxonServer;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.validator.bundle.PreparedBundle;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the validator's own LLM fails while judging an answer (a 429, a timeout), the miner is not
 * booked a zero: its answer is reported unscored and its moving average stays where it was. The
 * live code loses the whole step here; zeroing the miner would punish it for the validator's fault.
 */
class ValidatorFaultTest {
    @TempDir Path dir;

    @Test
    void aJudgeThatFailsLeavesTheMinersAverageAlone() throws Exception {
        LlmClient offline = OfflineModels.llm();
        boolean[] failing = {false};
        LlmClient flaky = new ForwardingLlm(offline) {
            @Override public String classifyTags(List<String> tags) {
                if (failing[0]) throw new IllegalStateException("HTTP 429 from the provider");
                return offline.classifyTags(tags);
            }
        };
        Keypair minerKey = Keypair.generate();
        Keypair validatorKey = Keypair.generate();
        try (AxonServer miner = AxonServer.builder(minerKey).host("127.0.0.1").port(0)
                .attach(CgSynapse.NAME, CgSynapse.class, r -> r.withOutput(new MinerOutput(List.of("sailing", "boats", "ocean", "wind"), null, null)))
                .start();
             ResultStore store = ResultStore.sqlite(dir.resolve("s.sqlite"));
             Dendrite dendrite = new Dendrite(validatorKey)) {
            Metagraph mg = new Metagraph(1, 1, List.of(
                    Neuron.of(0, validatorKey.ss58Address(), "c", 5000, true, new AxonInfo("0.0.0.0", 0, validatorKey.ss58Address())),
                    Neuron.of(1, minerKey.ss58Address(), "c", 1, false, new AxonInfo("127.0.0.1", miner.port(), minerKey.ss58Address()))));
            ValidatorStep step = ValidatorStep.builder().source(new LocalConversations(ConversationFiles.samples(), "samples")).llm(flaky)
                    .embedder(OfflineModels.embedder()).dendrite(dendrite).metagraph(() -> mg).self(0, validatorKey.ss58Address())
                    .sampler(new MinerSampler(new Random(1), 4096)).recorder(store).settings(StepSettings.defaults(1)).build();
            PreparedBundle p = step.reserve().flatMap(step::prepare).orElseThrow();
            ValidatorStep.Batch batch = step.recordGroundTruth(p);
            Scores scores = new Scores(0.1, mg.hotkeys(), new double[] {0, 0.5});

            failing[0] = true;
            WindowOutcome unjudged = step.sendTask(batch, p.tasks().get(0));
            MinerResult r = unjudged.results().get(0);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.counted()).isFalse();
            assertThat(r.score().finalScore()).isZero();
            assertThat(r.score().zeroReason()).contains("the validator could not judge its tags").contains("429");
            scores.apply(unjudged);
            assertThat(scores.value(1)).as("no decay for the validator's failure").isEqualTo(0.5);

            failing[0] = false;
            WindowOutcome judged = step.sendTask(batch, p.tasks().get(1));
            assertThat(judged.results().get(0).counted()).isTrue();
            scores.apply(judged);
            assertThat(scores.value(1)).as("a judged answer moves the average").isNotEqualTo(0.5);
        }
    }
}
