package org.cgp.bench;

import java.util.List;
import java.util.Map;
import org.cgp.miner.MinerConfig;
import org.cgp.protocol.axon.AxonServer;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.MinerOutput;

/**
 * The Java axon with a fixed-answer handler, for {@link AxonLoad}: the miner's axon settings
 * (body limit, forward timeout, forwards at once and queue for the offline provider), signature
 * verification on, every answer the same five tags. Runs until killed.
 *
 * <pre>NoopAxon [--port 8091] [--host 127.0.0.1] [--key //Bob] [--sign-responses true]</pre>
 * Prints {@code NoopAxon listening on HOST:PORT hotkey SS58 pid N} once it accepts connections.
 */
public final class NoopAxon {
    static final MinerOutput ANSWER = new MinerOutput(List.of("hurricane warning", "navy ships", "evacuation", "swimming meet", "power outage"), null, null);

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = AxonLoad.Args.parse(args, "port", "host", "key", "sign-responses");
        Keypair key = Keypair.fromUri(opts.getOrDefault("key", "//Bob"));
        MinerConfig miner = MinerConfig.builder(33).build(); // the miner's defaults (offline provider)
        AxonServer axon = AxonServer.builder(key)
                .host(opts.getOrDefault("host", "127.0.0.1"))
                .port(Integer.parseInt(opts.getOrDefault("port", String.valueOf(MinerConfig.DEFAULT_PORT))))
                .maxBodyBytes(miner.maxBodyBytes()).forwardTimeout(miner.forwardTimeout())
                .maxConcurrentForwards(miner.maxConcurrentForwards()).maxQueuedForwards(miner.maxQueuedForwards())
                .signResponses(Boolean.parseBoolean(opts.getOrDefault("sign-responses", "false")))
                .attach(CgSynapse.NAME, CgSynapse.class, r -> r.withOutput(ANSWER))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(axon::close));
        System.out.printf("NoopAxon listening on %s:%d hotkey %s pid %d%n", opts.getOrDefault("host", "127.0.0.1"), axon.port(),
                axon.hotkey(), ProcessHandle.current().pid());
        Thread.currentThread().join();
    }
}
