package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cgp.chain.Chain;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.localnet.LocalSubnet;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.cgp.validator.state.ValidatorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain going away mid-run (block reads failing) or the metagraph shrinking and growing
 * again must not cost the validator its scores, nor hand an old miner's average to a new hotkey.
 */
class ChainOutageTest {
    @TempDir Path dir;

    /** The local subnet's chain, with block reads that can be made to fail and a metagraph that can be cut. */
    static final class FlakyChain implements Chain {
        final Chain real;
        final AtomicBoolean blocksFail = new AtomicBoolean();
        volatile int visibleUids = Integer.MAX_VALUE;
        volatile String replaceLastHotkey;

        FlakyChain(Chain real) { this.real = real; }

        @Override public long currentBlock() {
            if (blocksFail.get()) throw new IllegalStateException("chain_getHeader: cannot reach ws://127.0.0.1:9944");
            return real.currentBlock();
        }

        @Override public Metagraph metagraph(int netuid) {
            Metagraph m = real.metagraph(netuid);
            List<Neuron> ns = new ArrayList<>(m.neurons().subList(0, Math.min(visibleUids, m.n())));
            if (replaceLastHotkey != null) {
                Neuron last = ns.get(ns.size() - 1);
                ns.set(ns.size() - 1, new Neuron(last.uid(), replaceLastHotkey, last.coldkey(), last.stake(), last.validatorPermit(),
                        last.active(), new AxonInfo(last.axon().ip(), last.axon().port(), replaceLastHotkey), 0, 0, 0, 0, 0));
            }
            return new Metagraph(netuid, m.block(), ns);
        }

        @Override public SubnetHyperparameters hyperparameters(int netuid) { return real.hyperparameters(netuid); }

        @Override public java.util.Optional<String> subnetOwnerHotkey(int netuid) { return java.util.Optional.empty(); }

        @Override public void serveAxon(Keypair hotkey, int netuid, AxonInfo axon) { real.serveAxon(hotkey, netuid, axon); }

        @Override public void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey) {
            real.setWeights(hotkey, netuid, uids, weights, versionKey);
        }
    }

    private Validator validator(LocalSubnet subnet, Chain chain, long epoch, boolean noWeights, LlmClient llm, Embedder embedder) {
        ValidatorConfig config = ValidatorConfig.builder(StepSettings.defaults(LocalSubnet.NETUID).withMaxWindows(1), dir).epochLength(epoch)
                .disableSetWeights(noWeights).weightsPower(1).metagraphRefresh(Duration.ofMillis(1000)).versionKey(0)
                .idleAfterFailure(Duration.ofMillis(10)).curve(WeightsCurve.PROPORTIONAL).build();
        return new Validator(config, subnet.validatorKey(), chain, llm, embedder,
                new LocalConversations(ConversationFiles.samples(), "samples"), ResultStore.sqlite(dir.resolve("s.sqlite")));
    }

    @Test
    void scoresAreSavedWhileTheChainIsDownAndWeightsComeBackWithIt() throws Exception {
        LlmClient llm = OfflineModels.llm();
        Embedder embedder = OfflineModels.embedder();
        try (LocalSubnet subnet = LocalSubnet.start(3, llm, embedder)) {
            FlakyChain chain = new FlakyChain(subnet.chain());
            try (Validator v = validator(subnet, chain, 1, false, llm, embedder)) {
                chain.blocksFail.set(true);
                assertThat(v.runStep().succeeded()).isTrue();
                assertThat(v.runStep().succeeded()).isTrue();
                ValidatorState saved = ValidatorState.load(dir);
                assertThat(saved.step()).isEqualTo(2);
                assertThat(saved.ema()[1] + saved.ema()[2] + saved.ema()[3]).isPositive();
                assertThat(subnet.chain().weightsSet()).isEmpty();

                chain.blocksFail.set(false);
                assertThat(v.runStep().succeeded()).isTrue();
                assertThat(subnet.chain().weightsSet()).hasSize(1);
                assertThat(ValidatorState.load(dir).lastWeightsBlock()).isPositive();
            }
        }
    }

    @Test
    void aUidThatDisappearsAndComesBackWithANewHotkeyStartsFromZero() throws Exception {
        LlmClient llm = OfflineModels.llm();
        Embedder embedder = OfflineModels.embedder();
        try (LocalSubnet subnet = LocalSubnet.start(3, llm, embedder)) {
            FlakyChain chain = new FlakyChain(subnet.chain());
            try (Validator v = validator(subnet, chain, 1000, true, llm, embedder)) {
                v.runStep();
                assertThat(v.state().ema()[3]).isPositive();

                chain.visibleUids = 3; // uid 3 deregistered
                Thread.sleep(1500);    // let the metagraph cache refresh
                v.runStep();
                assertThat(v.state().hotkeys()).hasSize(3);

                chain.visibleUids = Integer.MAX_VALUE;
                chain.replaceLastHotkey = Keypair.generate().ss58Address(); // a new hotkey takes uid 3
                Thread.sleep(1500);
                StepReport last = v.runStep();
                assertThat(v.state().hotkeys()).hasSize(4);
                assertThat(v.state().hotkeys().get(3)).isEqualTo(chain.replaceLastHotkey);
                double expected = last.windows().get(0).results().stream().filter(r -> r.uid() == 3)
                        .mapToDouble(r -> 0.1 * r.reward()).findFirst().orElse(0.0);
                assertThat(v.state().ema()[3]).as("the new hotkey starts from 0, not the old hotkey's average")
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }
}
