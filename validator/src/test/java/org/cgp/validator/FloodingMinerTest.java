package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.axon.AxonServer;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.validator.bundle.PreparedBundle;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.record.Records;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real miner axon that answers with 10,000 tags (about 0.9 MB): its record keeps 50, and it is scored like anyone else. */
class FloodingMinerTest {
    @TempDir Path dir;

    @Test
    void aFloodOfTagsIsCappedInTheStoredRecord() throws Exception {
        LlmClient llm = OfflineModels.llm();
        Embedder embedder = OfflineModels.embedder();
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) flood.add("sailing tag number " + i + " " + "x".repeat(60));
        Keypair minerKey = Keypair.generate();
        Keypair validatorKey = Keypair.generate();
        try (AxonServer miner = AxonServer.builder(minerKey).host("127.0.0.1").port(0)
                .attach(CgSynapse.NAME, CgSynapse.class, r -> r.withOutput(new MinerOutput(flood, null, null))).start();
             ResultStore store = ResultStore.sqlite(dir.resolve("s.sqlite"));
             Dendrite dendrite = new Dendrite(validatorKey)) {
            Metagraph mg = new Metagraph(1, 1, List.of(
                    Neuron.of(0, validatorKey.ss58Address(), "c", 5000, true, new AxonInfo("0.0.0.0", 0, validatorKey.ss58Address())),
                    Neuron.of(1, minerKey.ss58Address(), "c", 1, false, new AxonInfo("127.0.0.1", miner.port(), minerKey.ss58Address()))));
            ValidatorStep step = ValidatorStep.builder().source(new LocalConversations(ConversationFiles.samples(), "samples")).llm(llm)
                    .embedder(embedder).dendrite(dendrite).metagraph(() -> mg).self(0, validatorKey.ss58Address())
                    .sampler(new MinerSampler(new Random(1), 4096)).recorder(store).settings(StepSettings.defaults(1)).build();
            PreparedBundle p = step.reserve().flatMap(step::prepare).orElseThrow();
            WindowOutcome o = step.sendTask(step.recordGroundTruth(p), p.tasks().get(0));
            MinerResult r = o.results().get(0);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.originalTags()).hasSize(Records.MAX_RECORDED_TAGS);
            assertThat(r.tags()).hasSizeLessThanOrEqualTo(20);
            JsonNode record = WireJson.mapper().readTree(store.rows().stream().filter(x -> x.type().equals("miner")).findFirst().orElseThrow().json());
            assertThat(record.path("data").path("result").path("original_tags").size()).isEqualTo(Records.MAX_RECORDED_TAGS);
            assertThat(record.path("data").path("result").path("original_tag_count").asInt()).isEqualTo(10_000);
            assertThat(record.toString().length()).as("the stored record stays small").isLessThan(100_000);
        }
    }
}
