package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.localnet.LocalSubnet;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.state.ValidatorState;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator asked to stop in the middle of a step ends it after the task in flight and saves
 * what it scored (REVIEW-HOSTILE 13: a stop used to lose the whole step); no weights follow a
 * step cut short.
 */
class StoppingMidStepTest {
    @TempDir Path dir;

    @Test
    void aStopEndsTheStepAfterTheTaskInFlightAndKeepsItsScores() throws Exception {
        LlmClient llm = OfflineModels.llm();
        Embedder embedder = OfflineModels.embedder();
        StepSettings step = StepSettings.defaults(LocalSubnet.NETUID).withMaxWindows(4).withBundles(1, 1).withMode("test");
        ValidatorConfig config = ValidatorConfig.builder(step, dir.resolve("state")).epochLength(1).build();
        try (LocalSubnet subnet = LocalSubnet.start(3, llm, embedder);
             Validator v = new Validator(config, subnet.validatorKey(), subnet.chain(), llm, embedder,
                     new LocalConversations(ConversationFiles.samples(), "samples"), ResultStore.sqlite(dir.resolve("s.sqlite")))) {
            AtomicInteger asked = new AtomicInteger();
            // asked once before the bundle and once before each task: the second task is where the stop comes
            StepReport r = v.runStep(() -> asked.incrementAndGet() > 2);
            assertThat(r.windowCount()).isEqualTo(4);
            assertThat(r.windows()).as("the task in flight finished, no other began").hasSize(1);
            assertThat(r.skipped()).isEqualTo("stopped after 1 of 4 tasks");
            ValidatorState saved = ValidatorState.load(dir.resolve("state"));
            assertThat(saved.step()).isEqualTo(1);
            for (MinerResult m : r.windows().get(0).results()) {
                assertThat(saved.ema()[m.uid()]).as("uid %d's reward of the scored task is saved", m.uid()).isEqualTo(0.1 * m.reward());
            }
            assertThat(subnet.chain().weightsSet()).as("no weights after a step cut short").isEmpty();
        }
    }
}
