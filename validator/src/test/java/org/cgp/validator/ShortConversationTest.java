package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.cgp.chain.Metagraph;
import org.cgp.llm.LlmClient;
import org.cgp.llm.TaggingResult;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.validator.conversation.Conversation;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A conversation too short for two windows is skipped before the (paid) ground-truth LLM call. */
class ShortConversationTest {
    @TempDir Path dir;

    @Test
    void noLlmCallAndNothingRecordedForAConversationWithoutWindows() {
        LlmClient offline = OfflineModels.llm();
        AtomicInteger calls = new AtomicInteger();
        LlmClient counting = new ForwardingLlm(offline) {
            @Override public TaggingResult tagConversation(List<Line> lines, List<String> participants) {
                calls.incrementAndGet();
                return offline.tagConversation(lines, participants);
            }
        };
        Conversation tiny = new Conversation(Guid.of("5"), null, List.of(new Line(0, "hi, i love sailing"),
                new Line(1, "me too, the ocean is great"), new Line(0, "do you race?"), new Line(1, "every summer")));
        Keypair key = Keypair.generate();
        try (ResultStore store = ResultStore.sqlite(dir.resolve("s.sqlite")); Dendrite dendrite = new Dendrite(key)) {
            ValidatorStep step = ValidatorStep.builder().source(new LocalConversations(List.of(tiny), "tiny")).llm(counting)
                    .embedder(OfflineModels.embedder()).dendrite(dendrite).metagraph(() -> new Metagraph(1, 1, List.of()))
                    .self(0, key.ss58Address()).sampler(new MinerSampler(new Random(), 4096)).recorder(store)
                    .settings(StepSettings.defaults(1)).build();
            StepReport r = step.run();
            assertThat(r.succeeded()).isFalse();
            assertThat(r.skipped()).isEqualTo("no task bundle could be reserved and prepared");
            assertThat(calls).hasValue(0);
            assertThat(store.rows()).isEmpty();
        }
    }
}
