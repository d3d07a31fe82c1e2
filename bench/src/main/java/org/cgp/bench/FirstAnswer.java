package org.cgp.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.task.TaskEnvelope;
import org.cgp.protocol.task.Tasks;

/**
 * Time from a daemon's launch to its first answered request. Launches the command after
 * {@code --} itself (output to {@code --log}), once this JVM is warm, then sends a signed
 * conversation task every 20 ms until one is answered 200 with tags and prints the time since the
 * launch and the daemon's pid. The daemon keeps running (the caller stops it).
 *
 * <pre>FirstAnswer --url http://127.0.0.1:8091 --hotkey SS58 --log FILE [--caller //Alice] [--give-up 120] -- COMMAND...</pre>
 */
public final class FirstAnswer {
    public static void main(String[] args) throws Exception {
        int dashes = java.util.Arrays.asList(args).indexOf("--");
        if (dashes < 0 || dashes == args.length - 1) throw new IllegalArgumentException("usage: FirstAnswer OPTIONS -- COMMAND...");
        Map<String, String> opts = AxonLoad.Args.parse(java.util.Arrays.copyOf(args, dashes), "url", "hotkey", "log", "caller", "give-up");
        java.net.URI url = java.net.URI.create(AxonLoad.Args.required(opts, "url"));
        java.io.File log = new java.io.File(AxonLoad.Args.required(opts, "log"));
        AxonInfo axon = new AxonInfo(url.getHost(), url.getPort(), AxonLoad.Args.required(opts, "hotkey"));
        CgSynapse request = CgSynapse.request(Tasks.conversation(TaskEnvelope.HIDDEN, TaskEnvelope.HIDDEN, -1,
                AxonLoad.window(), List.of(), List.of("general")), 30.0);
        Dendrite dendrite = new Dendrite(Keypair.fromUri(opts.getOrDefault("caller", "//Alice")));
        dendrite.forward(List.of(new AxonInfo("127.0.0.1", 1, "warm")), CgSynapse.NAME, request, CgSynapse.class, Duration.ofSeconds(1));
        long since = System.currentTimeMillis();
        Process daemon = new ProcessBuilder(java.util.Arrays.copyOfRange(args, dashes + 1, args.length))
                .redirectErrorStream(true).redirectOutput(log).start();
        long giveUp = since + 1000L * Long.parseLong(opts.getOrDefault("give-up", "120"));
        try {
            while (System.currentTimeMillis() < giveUp) {
                DendriteResult<CgSynapse> r = dendrite.forward(List.of(axon), CgSynapse.NAME, request, CgSynapse.class,
                        Duration.ofSeconds(30)).get(0);
                if (r.isSuccess() && r.response().output() != null && !r.response().output().tags().isEmpty()) {
                    System.out.printf("first answer %d ms after launch (%d tags) pid %d%n", System.currentTimeMillis() - since,
                            r.response().output().tags().size(), daemon.pid());
                    return;
                }
                if (!daemon.isAlive()) {
                    System.out.println("the daemon exited with status " + daemon.exitValue() + " before answering (see " + log + ")");
                    System.exit(1);
                }
                Thread.sleep(20);
            }
            System.out.println("no answer within the give-up time pid " + daemon.pid());
            System.exit(1);
        } finally {
            dendrite.close();
        }
    }
}
