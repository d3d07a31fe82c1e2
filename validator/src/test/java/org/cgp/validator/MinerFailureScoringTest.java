package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.localnet.LocalSubnet;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.validator.bundle.PreparedBundle;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A miner the axon refuses (here: the metagraph points uid 1 at another miner's axon, so the
 * signature names the wrong hotkey and the axon answers 401) scores 0 under its own uid, and the
 * window goes on for the others.
 */
class MinerFailureScoringTest {
    @TempDir Path dir;

    @Test
    void aRefusedCallScoresZeroForThatMinerOnly() throws Exception {
        LlmClient llm = OfflineModels.llm();
        Embedder embedder = OfflineModels.embedder();
        try (LocalSubnet subnet = LocalSubnet.start(3, llm, embedder);
             ResultStore store = ResultStore.sqlite(dir.resolve("s.sqlite"));
             Dendrite dendrite = new Dendrite(subnet.validatorKey())) {
            Metagraph real = subnet.chain().metagraph(LocalSubnet.NETUID);
            List<Neuron> crossed = new ArrayList<>(real.neurons());
            Neuron one = crossed.get(1);
            AxonInfo twos = crossed.get(2).axon();
            crossed.set(1, new Neuron(one.uid(), one.hotkey(), one.coldkey(), one.stake(), one.validatorPermit(), one.active(),
                    new AxonInfo(twos.ip(), twos.port(), one.hotkey()), 0, 0, 0, 0, 0));
            Metagraph wrong = new Metagraph(real.netuid(), real.block(), crossed);
            Scores ema = Scores.zeros(real.hotkeys());
            ValidatorStep step = ValidatorStep.builder().source(new LocalConversations(ConversationFiles.samples(), "samples")).llm(llm)
                    .embedder(embedder).dendrite(dendrite).metagraph(() -> wrong)
                    .self(LocalSubnet.VALIDATOR_UID, subnet.validatorKey().ss58Address()).sampler(new MinerSampler(new Random(1), 4096))
                    .recorder(store).settings(StepSettings.defaults(LocalSubnet.NETUID)).build();
            PreparedBundle p = step.reserve().flatMap(step::prepare).orElseThrow();
            WindowOutcome o = step.sendTask(step.recordGroundTruth(p), p.tasks().get(0));

            MinerResult refused = o.results().stream().filter(r -> r.uid() == 1).findFirst().orElseThrow();
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.statusMessage()).startsWith("Not Verified with error: Signature mismatch");
            assertThat(refused.score().finalScore()).isZero();
            assertThat(refused.hotkey()).isEqualTo(one.hotkey());
            assertThat(o.results()).filteredOn(r -> r.uid() != 1).hasSize(2)
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(200))
                    .allSatisfy(r -> assertThat(r.score().finalScore()).isPositive());
            ema.apply(o);
            assertThat(ema.value(1)).isZero();
            assertThat(ema.value(2)).isPositive();
        }
    }
}
