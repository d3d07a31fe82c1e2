package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.localnet.LocalSubnet;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.cgp.validator.state.ValidatorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validator that stops and starts again carries on from its saved moving averages. */
class ValidatorRestartTest {
    @TempDir Path dir;

    @Test
    void scoresSurviveARestartAndWeightsWaitForTheEpoch() throws Exception {
        LlmClient llm = OfflineModels.llm();
        Embedder embedder = OfflineModels.embedder();
        StepSettings step = StepSettings.defaults(LocalSubnet.NETUID).withMaxWindows(2).withMode("test");
        ValidatorConfig everyBlock = ValidatorConfig.builder(step, dir.resolve("state")).epochLength(1).weightsPower(1).versionKey(0)
                .idleAfterFailure(Duration.ofMillis(10)).curve(WeightsCurve.PROPORTIONAL).build();
        ValidatorConfig longEpoch = everyBlock.toBuilder().epochLength(1000).build();
        try (LocalSubnet subnet = LocalSubnet.start(3, llm, embedder)) {
            ValidatorState afterFirst;
            try (Validator v = new Validator(everyBlock, subnet.validatorKey(), subnet.chain(), llm, embedder,
                    new LocalConversations(ConversationFiles.samples(), "samples"), ResultStore.sqlite(dir.resolve("a.sqlite")))) {
                assertThat(v.runStep().succeeded()).isTrue();
                assertThat(v.runStep().succeeded()).isTrue();
                afterFirst = v.state();
            }
            assertThat(afterFirst.step()).isEqualTo(2);
            assertThat(afterFirst.ema()).satisfies(e -> assertThat(e[1] + e[2] + e[3]).isPositive());
            assertThat(subnet.chain().weightsSet()).as("an epoch of one block: weights after every step").hasSize(2);
            assertThat(afterFirst.lastWeightsBlock()).isEqualTo(subnet.chain().weightsSet().get(1).block());
            assertThat(ValidatorState.load(dir.resolve("state"))).isEqualTo(afterFirst);

            try (Validator again = new Validator(longEpoch, subnet.validatorKey(), subnet.chain(), llm, embedder,
                    new LocalConversations(ConversationFiles.samples(), "samples"), ResultStore.sqlite(dir.resolve("a.sqlite")))) {
                assertThat(again.state()).isEqualTo(afterFirst);
                assertThat(again.runStep().succeeded()).isTrue();
                assertThat(again.state().step()).isEqualTo(3);
                assertThat(again.state().lastWeightsBlock()).isEqualTo(afterFirst.lastWeightsBlock());
            }
            assertThat(subnet.chain().weightsSet()).as("the epoch since the last weights has not passed").hasSize(2);

            // a state from a chain that was further along (a dev chain restarted): weights are set, not waited for forever
            ValidatorState fromOlderChain = ValidatorState.load(dir.resolve("state"));
            new ValidatorState(fromOlderChain.step(), fromOlderChain.hotkeys(), fromOlderChain.ema(), 1_000_000_000L).save(dir.resolve("state"));
            try (Validator afterReset = new Validator(longEpoch, subnet.validatorKey(), subnet.chain(), llm, embedder,
                    new LocalConversations(ConversationFiles.samples(), "samples"), ResultStore.sqlite(dir.resolve("a.sqlite")))) {
                assertThat(afterReset.runStep().succeeded()).isTrue();
                assertThat(afterReset.state().lastWeightsBlock()).isLessThan(1_000_000_000L);
            }
            assertThat(subnet.chain().weightsSet()).hasSize(3);
        }
    }

    /** A validator that cannot start (its hotkey not registered, its state unreadable) says why and leaves no refresh thread behind. */
    @Test
    void aFailedStartNamesTheCauseAndStopsTheMetagraphThread() throws Exception {
        LlmClient llm = OfflineModels.llm();
        Embedder embedder = OfflineModels.embedder();
        ValidatorConfig config = ValidatorConfig.builder(StepSettings.defaults(LocalSubnet.NETUID), dir.resolve("state")).build();
        try (LocalSubnet subnet = LocalSubnet.start(1, llm, embedder)) {
            long before = refreshThreads();
            org.cgp.protocol.keys.Keypair stranger = org.cgp.protocol.keys.Keypair.generate();
            assertThatThrownBy(() -> new Validator(config, stranger, subnet.chain(), llm, embedder,
                    new LocalConversations(ConversationFiles.samples(), "samples"), ResultStore.sqlite(dir.resolve("b.sqlite"))))
                    .hasMessageContaining("is not registered on netuid " + LocalSubnet.NETUID);
            java.nio.file.Files.createDirectories(dir.resolve("state"));
            java.nio.file.Files.writeString(dir.resolve("state").resolve(ValidatorState.FILE_NAME), "{\"step\": 3, \"hot");
            assertThatThrownBy(() -> new Validator(config, subnet.validatorKey(), subnet.chain(), llm, embedder,
                    new LocalConversations(ConversationFiles.samples(), "samples"), ResultStore.sqlite(dir.resolve("b.sqlite"))))
                    .hasMessageContaining("unreadable");
            Thread.sleep(100);
            assertThat(refreshThreads()).as("no metagraph-refresh thread outlives a failed start").isEqualTo(before);
        }
    }

    private static long refreshThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().equals("metagraph-refresh")).count();
    }
}
