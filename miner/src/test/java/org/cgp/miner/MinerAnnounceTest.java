package org.cgp.miner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cgp.chain.Chain;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;
import org.junit.jupiter.api.Test;

/** A miner whose hotkey is registered only after it started announces its axon then, once. */
class MinerAnnounceTest {
    @Test
    void registrationAfterStartIsNoticedAndTheAxonAnnounced() throws Exception {
        Keypair key = Keypair.generate();
        OfflineChain offline = new OfflineChain(1, List.of(
                Neuron.of(0, key.ss58Address(), key.ss58Address(), 1, false, new AxonInfo("0.0.0.0", 0, key.ss58Address()))),
                SubnetHyperparameters.permissive());
        AtomicBoolean registered = new AtomicBoolean(false);
        AtomicInteger serveCalls = new AtomicInteger();
        Chain chain = new Chain() {
            @Override public long currentBlock() { return offline.currentBlock(); }
            @Override public Metagraph metagraph(int netuid) {
                return registered.get() ? offline.metagraph(netuid) : new Metagraph(netuid, 1, List.of());
            }
            @Override public SubnetHyperparameters hyperparameters(int netuid) { return offline.hyperparameters(netuid); }
            @Override public java.util.Optional<String> subnetOwnerHotkey(int netuid) { return java.util.Optional.empty(); }
            @Override public void serveAxon(Keypair hotkey, int netuid, AxonInfo axon) {
                serveCalls.incrementAndGet();
                offline.serveAxon(hotkey, netuid, axon);
            }
            @Override public void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey) {}
        };
        MinerConfig config = MinerConfig.local(1).toBuilder().forceValidatorPermit(false).metagraphRefresh(Duration.ofSeconds(1)).build();
        LlmConfig offlineLlm = LlmConfig.offline();
        try (Miner miner = Miner.start(config, key, chain, LlmProviders.chat(offlineLlm), null)) {
            Thread.sleep(1500);
            assertThat(serveCalls).as("not registered yet: nothing to announce").hasValue(0);
            registered.set(true);
            for (int i = 0; i < 100 && serveCalls.get() == 0; i++) Thread.sleep(50);
            assertThat(serveCalls).hasValue(1);
            AxonInfo announced = offline.metagraph(1).neurons().get(0).axon();
            assertThat(announced.ip()).isEqualTo("127.0.0.1");
            assertThat(announced.port()).isEqualTo(miner.port());
            Thread.sleep(2500);
            assertThat(serveCalls).as("the chain holds our address: no second serve_axon").hasValue(1);
        }
    }
}
