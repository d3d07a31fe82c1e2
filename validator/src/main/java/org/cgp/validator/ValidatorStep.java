package org.cgp.validator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.TagCleaner;
import org.cgp.llm.TaggingResult;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.dendrite.Dendrite;
import org.cgp.protocol.dendrite.DendriteResult;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.synapse.WindowPacket;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.scoring.GroundTruth;
import org.cgp.scoring.MinerScore;
import org.cgp.scoring.MinerTags;
import org.cgp.scoring.MovingAverage;
import org.cgp.scoring.TagEvaluator;
import org.cgp.validator.conversation.Conversation;
import org.cgp.validator.conversation.ConversationSource;
import org.cgp.validator.record.RecordPayload;
import org.cgp.validator.record.ResultRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One validator step over one conversation (SPEC §2 steps 1-6): reserve, ground truth, windows,
 * and for each window: pick miners, query them, clean and re-embed their tags, score, reward,
 * update the moving average and record everything. Each phase is a public method so the verbose
 * test can watch and check it; {@link #run()} chains them.
 */
public final class ValidatorStep {
    private static final Logger log = LoggerFactory.getLogger(ValidatorStep.class);

    private final ConversationSource source;
    private final LlmClient llm;
    private final Embedder embedder;
    private final Dendrite dendrite;
    private final Supplier<Metagraph> metagraph;
    private final int selfUid;
    private final String selfHotkey;
    private final MinerSampler sampler;
    private final MovingAverage movingAverage;
    private final ResultRecorder recorder;
    private final StepSettings settings;
    private final TagEvaluator evaluator;

    public ValidatorStep(ConversationSource source, LlmClient llm, Embedder embedder, Dendrite dendrite,
                         Supplier<Metagraph> metagraph, int selfUid, String selfHotkey, MinerSampler sampler,
                         MovingAverage movingAverage, ResultRecorder recorder, StepSettings settings) {
        this.source = source;
        this.llm = llm;
        this.embedder = embedder;
        this.dendrite = dendrite;
        this.metagraph = metagraph;
        this.selfUid = selfUid;
        this.selfHotkey = selfHotkey;
        this.sampler = sampler;
        this.movingAverage = movingAverage;
        this.recorder = recorder;
        this.settings = settings;
        this.evaluator = new TagEvaluator(settings.scoringVersion());
    }

    /** Runs the whole step over the next conversation. */
    public StepReport run() {
        Optional<Conversation> reserved = reserve();
        if (reserved.isEmpty()) return StepReport.skipped(null, "no conversation could be reserved");
        Conversation convo = reserved.get();
        // windows first: a conversation too short to use costs no LLM call
        List<List<Line>> windows = windows(convo);
        if (windows.isEmpty()) return StepReport.skipped(convo.guid(), "not enough conversation windows");
        Optional<GroundTruthResult> truth = groundTruth(convo);
        if (truth.isEmpty()) return StepReport.skipped(convo.guid(), "fewer than " + StepSettings.MIN_GROUND_TRUTH_TAGS + " ground-truth tags");
        long batch = ThreadLocalRandom.current().nextLong(100_000, 10_000_000);
        recordGroundTruth(convo, truth.get(), batch);
        int use = settings.maxWindows() == 0 ? windows.size() : Math.min(settings.maxWindows(), windows.size());
        List<WindowOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < use; i++) {
            WindowOutcome o = sendWindow(convo, i, windows.get(i), truth.get());
            if (o.uids().isEmpty()) {
                return new StepReport(convo.guid(), truth.get().tags(), windows.size(), outcomes, "no miners to query");
            }
            recordMinerResults(convo, o, batch);
            outcomes.add(o);
        }
        return new StepReport(convo.guid(), truth.get().tags(), windows.size(), outcomes, null);
    }

    /** Step 1: the next conversation, trimmed to MAX_CONVO_LINES. */
    public Optional<Conversation> reserve() {
        Optional<Conversation> c = source.reserve().map(x -> x.trimmedTo(settings.maxConvoLines()));
        c.ifPresent(x -> log.info("Reserved conversation ID: {}. Sending to {} LLM...", x.guid(), llm.provider()));
        return c;
    }

    /** Step 2: ground-truth tags, cleaned and embedded; empty when fewer than three tags survive. */
    public Optional<GroundTruthResult> groundTruth(Conversation convo) {
        log.info("Execute generate_full_convo_metadata for participants {}", convo.participants());
        TaggingResult r = llm.tagConversation(convo.lines(), convo.participants());
        List<String> tags = r.tags();
        log.info("Found {} tags in FullConvo", tags.size());
        log.debug("FullConvo tags: {}", tags);
        if (tags.size() < StepSettings.MIN_GROUND_TRUTH_TAGS) {
            log.warn("Skipping conversation {}: only {} clean tags{}", convo.guid(), tags.size(),
                    r.emptyReason() == null ? "" : " (" + r.emptyReason() + ")");
            return Optional.empty();
        }
        return Optional.of(new GroundTruthResult(new GroundTruth(tags, embedder.embedAll(tags)), r.profiles()));
    }

    /** Step 3: the windows of the conversation (empty when it is too short). */
    public List<List<Line>> windows(Conversation convo) {
        List<List<Line>> w = settings.windows().windows(convo.lines());
        if (w.isEmpty()) {
            log.warn("Not enough convo windows in {} ({} lines)", convo.guid(), convo.lines().size());
        } else {
            log.info("Found {} conversation windows. Sequentially sending to batches of miners", w.size());
        }
        return w;
    }

    /** Steps 4-5 for one window: sample miners, query them, score each, reward, update the moving average. */
    public WindowOutcome sendWindow(Conversation convo, int windowIdx, List<Line> window, GroundTruthResult truth) {
        Metagraph mg = metagraph.get();
        List<Neuron> miners = sampler.sample(mg, selfUid, settings.sampleSize());
        if (miners.isEmpty()) {
            log.warn("No miners found.");
            return new WindowOutcome(windowIdx, List.of(), List.of());
        }
        List<Integer> uids = miners.stream().map(Neuron::uid).toList();
        log.info("Send to conversation {} / {} to miners: {}", convo.guid(), windowIdx, uids);
        WindowPacket packet = settings.hideConversationId()
                ? new WindowPacket(Guid.HIDDEN, -1, window)
                : new WindowPacket(convo.guid(), windowIdx, window);
        List<DendriteResult<CgSynapse>> responses = query(miners, packet);

        List<MinerTags> scored = new ArrayList<>(miners.size());
        List<Integer> vectorCounts = new ArrayList<>(miners.size());
        List<List<String>> originals = new ArrayList<>(miners.size());
        for (int i = 0; i < miners.size(); i++) {
            Neuron n = miners.get(i);
            DendriteResult<CgSynapse> r = responses.get(i);
            MinerOutput out = r.isSuccess() ? r.response().output() : null;
            if (out == null) {
                String why = r.isSuccess() ? "empty cgp_output" : r.statusCode() + " " + r.statusMessage();
                log.info("BAD RESPONSE from miner idx: {} uid: {}: {}", i, n.uid(), why);
                scored.add(MinerTags.failed(n.uid(), n.hotkey(), why));
                vectorCounts.add(0);
                originals.add(List.of());
                continue;
            }
            // at most the 20 tags that are scored are cleaned and embedded: a miner sending thousands costs nothing extra
            List<String> tags = TagCleaner.clean(out.tags(), TagCleaner.MAX_TAGS);
            log.info("RESULTS from miner idx: {} uid: {}, tags: {} vector count: {}", i, n.uid(), tags.size(), out.vectorCount());
            scored.add(new MinerTags(n.uid(), n.hotkey(), tags, tags.isEmpty() ? List.of() : embedder.embedAll(tags), null));
            vectorCounts.add(out.vectorCount());
            originals.add(out.tags());
        }

        double[] finals = new double[scored.size()];
        List<MinerScore> scores = new ArrayList<>(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            MinerScore s = evaluator.evaluate(truth.truth(), scored.get(i));
            scores.add(s);
            finals[i] = s.finalScore();
            MinerTags m = scored.get(i);
            log.info("Scores num: {} num of Unique tags: {} num of full convo tags: {}", s.tagCount(), s.uniqueCount(), truth.tags().size());
            if (log.isDebugEnabled() && m.failure() == null) log.debug("uid {} score breakdown:\n{}", m.uid(), evaluator.explain(truth.truth(), m));
        }
        double[] rewards = settings.rewardDistribution().apply(finals);
        int[] uidArray = uids.stream().mapToInt(Integer::intValue).toArray();
        synchronized (movingAverage) {
            movingAverage.update(uidArray, rewards);
        }
        List<MinerResult> results = new ArrayList<>(miners.size());
        for (int i = 0; i < miners.size(); i++) {
            DendriteResult<CgSynapse> r = responses.get(i);
            results.add(new MinerResult(miners.get(i).uid(), miners.get(i).hotkey(), r.statusCode(), r.statusMessage(),
                    originals.get(i), scored.get(i).tags(), vectorCounts.get(i), scores.get(i), rewards[i]));
        }
        return new WindowOutcome(windowIdx, uids, results);
    }

    /** Queries every miner once, then retries those that answered 408 or 422 once more. */
    private List<DendriteResult<CgSynapse>> query(List<Neuron> miners, WindowPacket packet) {
        double timeoutSeconds = settings.timeout().toMillis() / 1000.0;
        CgSynapse request = CgSynapse.request(packet, timeoutSeconds);
        List<AxonInfo> axons = miners.stream().map(Neuron::axon).toList();
        List<DendriteResult<CgSynapse>> results = new ArrayList<>(
                dendrite.forward(axons, CgSynapse.NAME, request, CgSynapse.class, settings.timeout()));
        List<Integer> retry = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            int code = results.get(i).statusCode();
            if (code == 408 || code == 422) retry.add(i);
        }
        if (!retry.isEmpty()) {
            log.info("Retrying {} miners that answered 408/422: {}", retry.size(), retry.stream().map(i -> miners.get(i).uid()).toList());
            List<DendriteResult<CgSynapse>> again = dendrite.forward(retry.stream().map(axons::get).toList(), CgSynapse.NAME,
                    request, CgSynapse.class, settings.timeout());
            for (int j = 0; j < retry.size(); j++) results.set(retry.get(j), again.get(j));
        }
        return results;
    }

    private void recordGroundTruth(Conversation convo, GroundTruthResult truth, long batch) {
        ObjectNode data = WireJson.mapper().createObjectNode();
        data.set("participantProfiles", WireJson.mapper().valueToTree(truth.profiles()));
        data.set("tags", WireJson.mapper().valueToTree(truth.tags()));
        data.set("vectors", vectors(truth.truth().tags(), truth.truth().vectors()));
        recorder.record(convo.guid(), payload("validator", RecordPayload.GROUND_TRUTH_WINDOW, selfHotkey, selfUid, batch, data));
    }

    private void recordMinerResults(Conversation convo, WindowOutcome o, long batch) {
        for (MinerResult r : o.results()) {
            ObjectNode data = WireJson.mapper().createObjectNode();
            data.set("tags", WireJson.mapper().valueToTree(r.tags()));
            data.set("original_tags", WireJson.mapper().valueToTree(r.originalTags()));
            data.put("status_code", r.status());
            data.put("adjusted_score", r.score().adjustedScore());
            data.put("final_miner_score", r.score().finalScore());
            data.put("reward", r.reward());
            if (r.score().zeroReason() != null) data.put("zero_reason", r.score().zeroReason());
            recorder.record(convo.guid(), payload("miner", o.windowIdx(), r.hotkey(), r.uid(), batch, data));
        }
    }

    private RecordPayload payload(String type, int window, String hotkey, int uid, long batch, ObjectNode data) {
        return new RecordPayload(type, settings.mode(), llm.model(), embedder.model(), null, window, hotkey, uid,
                llm.provider(), settings.scoringVersion().name().toLowerCase(), batch, StepSettings.CGP_VERSION,
                settings.netuid(), data);
    }

    private static ObjectNode vectors(List<String> tags, List<float[]> vectors) {
        Map<String, float[]> byTag = new LinkedHashMap<>();
        for (int i = 0; i < tags.size(); i++) byTag.put(tags.get(i), vectors.get(i));
        ObjectNode out = WireJson.mapper().createObjectNode();
        byTag.forEach((tag, v) -> {
            ArrayNode a = out.putObject(tag).putArray("vectors");
            for (float f : v) a.add(f);
        });
        return out;
    }
}
