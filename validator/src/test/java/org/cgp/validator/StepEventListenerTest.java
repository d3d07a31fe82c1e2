package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.axon.AxonServer;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.validator.StepEventListener.Phase;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole step against one real miner axon, watched by a listener: it hears every phase in the
 * order the step runs them, each task once scored (with the rewards the validator then applies),
 * and the step's end; a listener that throws changes nothing the step does.
 */
class StepEventListenerTest {
    @TempDir Path dir;

    @Test
    void aListenerHearsEachPhaseInOrderAndCannotBreakTheStep() throws Exception {
        LlmClient llm = OfflineModels.llm();
        Embedder embedder = OfflineModels.embedder();
        Keypair minerKey = Keypair.generate();
        Keypair validatorKey = Keypair.generate();
        List<String> heard = new ArrayList<>();
        List<WindowOutcome> scored = new ArrayList<>();
        StepReport[] ended = new StepReport[1];
        StepEventListener recording = new StepEventListener() {
            @Override public void phaseEnd(Phase phase, Duration took) {
                assertThat(took.isNegative()).isFalse();
                heard.add(phase.name());
                if (phase == Phase.QUERY) throw new IllegalStateException("a listener bug");
            }
            @Override public void taskScored(WindowOutcome task) { heard.add("scored"); scored.add(task); }
            @Override public void stepEnd(StepReport report, Duration took) { heard.add("end"); ended[0] = report; }
        };
        try (AxonServer miner = AxonServer.builder(minerKey).host("127.0.0.1").port(0)
                .attach(CgSynapse.NAME, CgSynapse.class, r -> r.withOutput(new MinerOutput(List.of("sailing", "boats", "weather"), null, null))).start();
             ResultStore store = ResultStore.sqlite(dir.resolve("s.sqlite"));
             Dendrite dendrite = new Dendrite(validatorKey)) {
            Metagraph mg = new Metagraph(1, 1, List.of(
                    Neuron.of(0, validatorKey.ss58Address(), "c", 5000, true, new AxonInfo("0.0.0.0", 0, validatorKey.ss58Address())),
                    Neuron.of(1, minerKey.ss58Address(), "c", 1, false, new AxonInfo("127.0.0.1", miner.port(), minerKey.ss58Address()))));
            ValidatorStep step = ValidatorStep.builder().source(new LocalConversations(ConversationFiles.samples(), "samples")).llm(llm)
                    .embedder(embedder).dendrite(dendrite).metagraph(() -> mg).self(0, validatorKey.ss58Address())
                    .sampler(new MinerSampler(new Random(1), 4096)).recorder(store).settings(StepSettings.defaults(1).withBundles(1, 1))
                    .listener(recording).build();
            StepReport report = step.run();

            assertThat(report.succeeded()).as("a listener that throws does not fail the step").isTrue();
            int tasks = report.windows().size();
            assertThat(tasks).isPositive();
            List<String> expected = new ArrayList<>(List.of("PREPARE", "RECORD"));
            for (int i = 0; i < tasks; i++) expected.addAll(List.of("QUERY", "JUDGE", "SCORE", "scored", "RECORD"));
            expected.add("end");
            assertThat(heard).containsExactlyElementsOf(expected);
            assertThat(scored).containsExactlyElementsOf(report.windows());
            assertThat(ended[0]).isSameAs(report);
            assertThat(step.lastTimings().queries()).isNotNegative();

            Scores scores = Scores.zeros(mg.hotkeys());
            scores.apply(report);
            double reward = report.windows().get(0).results().get(0).reward();
            assertThat(reward).as("one miner answering sensible tags earns a reward").isPositive();
            assertThat(scores.value(1)).isPositive();
            assertThat(scores.value(0)).as("the validator's own uid").isZero();
        }
    }
}
