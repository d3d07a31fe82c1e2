package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.cgp.chain.Neuron;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;
import org.cgp.validator.conversation.CgpApiSource;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An API that answers 500 or garbage makes the validator wait longer after each failed step, never loop hot. */
class StepBackoffTest {
    @TempDir Path dir;

    @Test
    void waitsDoubleAfterEachFailedStep() throws Exception {
        assertThat(Validator.backoffMillis(Duration.ofSeconds(30), 1)).isEqualTo(30_000);
        assertThat(Validator.backoffMillis(Duration.ofSeconds(30), 3)).isEqualTo(120_000);
        assertThat(Validator.backoffMillis(Duration.ofSeconds(30), 50)).isEqualTo(Validator.MAX_IDLE.toMillis());

        AtomicInteger calls = new AtomicInteger();
        Keypair key = Keypair.generate();
        try (MockWebServer api = new MockWebServer()) {
            api.setDispatcher(new Dispatcher() {
                @Override public MockResponse dispatch(RecordedRequest r) {
                    return calls.incrementAndGet() % 2 == 0 ? new MockResponse().setResponseCode(503).setBody("down")
                            : new MockResponse().setBody("<html>not json</html>");
                }
            });
            api.start();
            OfflineChain chain = new OfflineChain(1, List.of(Neuron.of(0, key.ss58Address(), "c", 5000, true,
                    new AxonInfo("0.0.0.0", 0, key.ss58Address()))), SubnetHyperparameters.permissive());
            ValidatorConfig live = ValidatorConfig.defaults(StepSettings.defaults(1).withBundles(1, 1), dir.resolve("state"));
            ValidatorConfig config = live.toBuilder().epochLength(1).versionKey(0).idleAfterFailure(Duration.ofMillis(20)).build();
            AtomicBoolean stop = new AtomicBoolean();
            try (Validator v = new Validator(config, key, chain, OfflineModels.llm(), OfflineModels.embedder(),
                    new CgpApiSource(new OkHttpClient(), api.url("/"), null, null), ResultStore.sqlite(dir.resolve("s.sqlite")))) {
                Thread runner = new Thread(() -> v.runUntil(stop));
                runner.start();
                Thread.sleep(1500);
                stop.set(true);
                runner.join(5000);
                assertThat(runner.isAlive()).isFalse();
            }
        }
        // waits of 20, 40, 80, 160, 320, 640 ms fit about 7 steps into 1.5 s; without them it would be hundreds
        assertThat(calls.get()).isBetween(3, 9);
    }
}
