package org.cgp.miner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.llm.LlmClient;
import org.cgp.llm.LlmConfig;
import org.cgp.llm.LlmProviders;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.task.TaskEnvelope;
import org.cgp.protocol.task.Tasks;
import org.junit.jupiter.api.Test;

/** The miner warms its LLM client off the critical path; a warm-up that fails leaves it serving. */
class MinerWarmUpTest {
    @Test
    void aFailedWarmUpOnlyMeansTheFirstRequestLoadsTheModel() throws Exception {
        LlmClient offline = LlmProviders.chat(LlmConfig.offline());
        CountDownLatch warmUpCalled = new CountDownLatch(1);
        LlmClient failingWarmUp = (LlmClient) java.lang.reflect.Proxy.newProxyInstance(LlmClient.class.getClassLoader(),
                new Class<?>[] {LlmClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("warmUp")) {
                        warmUpCalled.countDown();
                        throw new OutOfMemoryError("Java heap space (test)");
                    }
                    try {
                        return method.invoke(offline, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Keypair key = Keypair.generate();
        OfflineChain chain = new OfflineChain(1, List.of(), SubnetHyperparameters.permissive());
        MinerConfig config = MinerConfig.local(1).toBuilder().allowNonRegistered(true).forceValidatorPermit(false).build();
        try (Miner miner = Miner.start(config, key, chain, failingWarmUp, null);
             Dendrite dendrite = new Dendrite(Keypair.generate())) {
            assertThat(warmUpCalled.await(5, TimeUnit.SECONDS)).as("warm-up runs at start").isTrue();
            CgSynapse task = CgSynapse.request(Tasks.conversation(TaskEnvelope.HIDDEN, TaskEnvelope.HIDDEN, -1,
                    List.of(new Line(0, "We went hiking in the mountains last weekend."),
                            new Line(1, "The trail along the glacier lake was stunning, and we camped there.")),
                    List.of(), List.of("general")), 30.0);
            DendriteResult<CgSynapse> r = dendrite.forward(List.of(new AxonInfo("127.0.0.1", miner.port(), key.ss58Address())),
                    CgSynapse.NAME, task, CgSynapse.class, Duration.ofSeconds(30)).get(0);
            assertThat(r.statusCode()).as(r.statusMessage()).isEqualTo(200);
            assertThat(r.response().output().tags()).isNotEmpty();
        }
    }
}
