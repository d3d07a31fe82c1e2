package org.cgp.validator.hostile;

import java.nio.file.Files;
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
import org.cgp.protocol.keys.Keypair;
import org.cgp.validator.MinerResult;
import org.cgp.validator.MinerSampler;
import org.cgp.validator.OfflineModels;
import org.cgp.validator.Scores;
import org.cgp.validator.StepSettings;
import org.cgp.validator.ValidatorStep;
import org.cgp.validator.WindowOutcome;
import org.cgp.validator.bundle.PreparedBundle;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;

/**
 * A validator's step in a JVM of its own, started by {@link HostileMinersTest} with the launcher's
 * validator flags: one honest local miner and the hostile servers whose ports it is given, all in
 * one task. Prints {@code RESULT uid status score reason} per answer, the peak RSS and {@code DONE}.
 * An OutOfMemoryError ends the JVM (ExitOnOutOfMemoryError) before {@code DONE}.
 */
public final class HostileStepMain {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("cgp-hostile-step");
        LlmClient llm = OfflineModels.llm();
        Embedder embedder = OfflineModels.embedder();
        try (LocalSubnet subnet = LocalSubnet.start(1, llm, embedder);
             ResultStore store = ResultStore.sqlite(dir.resolve("s.sqlite"));
             Dendrite dendrite = new Dendrite(subnet.validatorKey())) {
            List<Neuron> neurons = new ArrayList<>(subnet.chain().metagraph(LocalSubnet.NETUID).neurons());
            for (String port : args) {
                String hk = Keypair.generate().ss58Address();
                neurons.add(Neuron.of(neurons.size(), hk, "c", 1, false, new AxonInfo("127.0.0.1", Integer.parseInt(port), hk)));
            }
            Metagraph mg = new Metagraph(LocalSubnet.NETUID, 1, neurons);
            StepSettings settings = StepSettings.defaults(LocalSubnet.NETUID).toBuilder().sampleSize(neurons.size())
                    .timeout(java.time.Duration.ofSeconds(4)).build();
            ValidatorStep step = ValidatorStep.builder().source(new LocalConversations(ConversationFiles.samples(), "samples")).llm(llm)
                    .embedder(embedder).dendrite(dendrite).metagraph(() -> mg)
                    .self(LocalSubnet.VALIDATOR_UID, subnet.validatorKey().ss58Address()).sampler(new MinerSampler(new Random(1), 4096))
                    .recorder(store).settings(settings).build();
            PreparedBundle p = step.reserve().flatMap(step::prepare).orElseThrow();
            WindowOutcome o = step.sendTask(step.recordGroundTruth(p), p.tasks().get(0));
            for (MinerResult r : o.results()) {
                System.out.printf("RESULT %d %d %.4f %s%n", r.uid(), r.status(), r.score().finalScore(),
                        r.statusMessage() == null ? "" : r.statusMessage().replace('\n', ' '));
            }
        }
        System.out.println("PEAK_RSS_KIB " + peakRssKib());
        System.out.println("DONE");
        System.exit(0);
    }

    private static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
