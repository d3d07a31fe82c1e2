package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.localnet.LocalSubnet;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.llm.TagCleaner;
import org.cgp.protocol.task.ConversationTask;
import org.cgp.scoring.ScoringMechanism;
import org.cgp.validator.bundle.ConversationBundle;
import org.cgp.validator.bundle.Masking;
import org.cgp.validator.bundle.PreparedBundle;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.conversation.LocalConversations;
import org.cgp.validator.store.ResultStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbose validator test suite: a validator and three miners on loopback (real Netty axons,
 * real OkHttp dendrite, real sr25519 signatures, the offline LLM over the in-process MiniLM
 * model), one conversation bundle, every step logged at INFO and checked. Run it first:
 * {@code mvn -pl validator -am test -Dtest=VerboseValidatorTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerboseValidatorTest {
    static LlmClient llm;
    static Embedder embedder;
    static LocalSubnet subnet;
    static ResultStore store;
    static Dendrite dendrite;
    static Scores movingAverage;
    static ValidatorStep step;

    static ConversationBundle bundle;
    static PreparedBundle prepared;
    static ValidatorStep.Batch batch;

    @BeforeAll
    static void startSubnet(@TempDir Path dir) throws Exception {
        llm = OfflineModels.llm();
        embedder = OfflineModels.embedder();
        subnet = LocalSubnet.start(3, llm, embedder);
        store = ResultStore.sqlite(dir.resolve("verbose.sqlite"));
        dendrite = new Dendrite(subnet.validatorKey());
        movingAverage = Scores.zeros(subnet.chain().metagraph(LocalSubnet.NETUID).hotkeys());
        step = ValidatorStep.builder().source(new LocalConversations(ConversationFiles.samples(), "bundled samples")).llm(llm)
                .embedder(embedder).dendrite(dendrite).metagraph(() -> subnet.chain().metagraph(LocalSubnet.NETUID))
                .self(LocalSubnet.VALIDATOR_UID, subnet.validatorKey().ss58Address()).sampler(new MinerSampler(new Random(), 4096))
                .recorder(store).settings(StepSettings.defaults(LocalSubnet.NETUID).withMode("test")).build();
    }

    @AfterAll
    static void stopSubnet() {
        if (dendrite != null) dendrite.close();
        if (store != null) store.close();
        if (subnet != null) subnet.close();
    }

    @Test @Order(1)
    void reservesAConversationBundle() {
        bundle = (ConversationBundle) step.reserve().orElseThrow();
        assertThat(bundle.lines()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(bundle.guid()).isNotBlank();
    }

    @Test @Order(2)
    void buildsGroundTruthTagsWithTheValidatorsOwnVectors() {
        prepared = step.prepare(bundle).orElseThrow();
        assertThat(prepared.tags()).hasSizeGreaterThanOrEqualTo(org.cgp.validator.bundle.GroundTruthBuilder.MIN_CONVERSATION_TAGS);
        assertThat(prepared.tags()).doesNotHaveDuplicates().allSatisfy(t -> assertThat(TagCleaner.isSafe(t)).as(t).isTrue());
        assertThat(prepared.truth().vectors()).hasSameSizeAs(prepared.tags())
                .allSatisfy(v -> assertThat(v).hasSize(embedder.dimensions()));
        assertThat(prepared.mechanism()).isEqualTo(ScoringMechanism.GROUND_TRUTH);
        batch = step.recordGroundTruth(prepared);
        assertThat(store.rows()).singleElement().satisfies(r -> assertThat(r.type()).isEqualTo("validator"));
    }

    @Test @Order(3)
    void cutsWindowsByTheLiveFormulaAndSamplesFiveAsTasks() {
        int n = bundle.lines().size();
        int windows = (n - 10 + 7) / 8 + 1; // size 10, overlap 2: ceil((n - 10) / 8) + 1
        assertThat(prepared.tasks()).hasSize(Math.min(5, windows)).allSatisfy(t -> {
            ConversationTask c = (ConversationTask) t;
            int start = c.windowIdx() * 8;
            assertThat(c.window()).isEqualTo(bundle.lines().subList(start, Math.min(n, start + 10)));
            assertThat(c.envelope().bundleGuid()).isEqualTo(bundle.guid());
            assertThat(Masking.mask(c)).satisfies(m -> {
                assertThat(m.envelope().guid()).isEqualTo("HIDDEN");
                assertThat(((ConversationTask) m).windowIdx()).isEqualTo(-1);
            });
        });
    }

    @Test @Order(4)
    void sendsTheFirstTaskToThreeMinersAndScoresEachUnderItsOwnUid() {
        WindowOutcome o = step.sendTask(batch, prepared.tasks().get(0));
        assertThat(movingAverage.values()).as("the step computes rewards; the validator applies them").containsOnly(0.0);
        movingAverage.apply(o);
        Metagraph mg = subnet.chain().metagraph(LocalSubnet.NETUID);
        assertThat(o.uids()).hasSize(3).doesNotContain(LocalSubnet.VALIDATOR_UID).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(o.results()).hasSize(3);
        double[] ema = movingAverage.values();
        for (int i = 0; i < 3; i++) {
            MinerResult r = o.results().get(i);
            assertThat(r.uid()).isEqualTo(o.uids().get(i));
            assertThat(r.hotkey()).isEqualTo(mg.neurons().get(r.uid()).hotkey());
            assertThat(r.score().uid()).isEqualTo(r.uid());
            assertThat(r.score().hotkey()).isEqualTo(r.hotkey());
            assertThat(r.status()).as("miner uid %d answered", r.uid()).isEqualTo(200);
            assertThat(r.tags()).isNotEmpty();
            assertThat(r.originalTags()).containsAll(r.tags());
            assertThat(r.vectorCount()).isEqualTo(r.tags().size());
            assertThat(r.score().finalScore()).isBetween(0.0, 1.0);
            assertThat(r.score().finalScore()).as("a sensible tagger earns a positive score").isGreaterThan(0.0);
            assertThat(ema[r.uid()]).isCloseTo(0.1 * r.reward(), org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(ema[LocalSubnet.VALIDATOR_UID]).isZero();
        assertThat(store.rows()).filteredOn(r -> r.type().equals("miner")).hasSize(3);
    }

    @Test @Order(5)
    void aMinerThatIsDownScoresZeroAndTheOthersAreStillScored() {
        subnet.miners().get(0).close();
        int downUid = 1;
        WindowOutcome o = step.sendTask(batch, prepared.tasks().get(1));
        assertThat(o.results()).hasSize(3);
        MinerResult down = o.results().stream().filter(r -> r.uid() == downUid).findFirst().orElseThrow();
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.score().finalScore()).isZero();
        assertThat(down.score().zeroReason()).isNotBlank();
        assertThat(o.results()).filteredOn(r -> r.uid() != downUid)
                .allSatisfy(r -> assertThat(r.score().finalScore()).isGreaterThan(0.0));
    }

    @Test @Order(6)
    void neuronsInTheMetagraphAreTheOnesThatWereScored() {
        List<Integer> uids = subnet.chain().metagraph(LocalSubnet.NETUID).neurons().stream().map(Neuron::uid).toList();
        assertThat(uids).containsExactly(0, 1, 2, 3);
    }
}
