package org.cgp.validator.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The body of {@code PUT /api/v1/conversation/record/{bundle guid}} in the live validators' shape:
 * {@code mode, model, embeddings_model, marker_id, llm_type, scoring_version, cgp_version, netuid,
 * hotkey, neuron_type ("validator" for a bundle's ground truth, "miner" for one answer), task_id
 * (null for the validator record), batch_number, data} ({@link RecordData}, typed). Three fields the live records lack, which
 * a store can ignore: {@code uid} (the miner's uid), {@code window_idx} (-1 when the task is no
 * window) and {@code record_id}, the same for the same record however often it is sent, so the
 * API can drop a duplicate (a validator killed during a PUT sends it again).
 */
@JsonPropertyOrder({"mode", "model", "embeddings_model", "marker_id", "llm_type", "scoring_version", "cgp_version", "netuid",
        "hotkey", "neuron_type", "task_id", "batch_number", "uid", "window_idx", "record_id", "data"})
public record RecordPayload(
        String mode,
        String model,
        @JsonProperty("embeddings_model") String embeddingsModel,
        @JsonProperty("marker_id") String markerId,
        @JsonProperty("llm_type") String llmType,
        @JsonProperty("scoring_version") double scoringVersion,
        @JsonProperty("cgp_version") String cgpVersion,
        int netuid,
        String hotkey,
        @JsonProperty("neuron_type") String neuronType,
        @JsonProperty("task_id") String taskId,
        @JsonProperty("batch_number") long batchNumber,
        Integer uid,
        @JsonProperty("window_idx") int windowIdx,
        @JsonProperty("record_id") String recordId,
        RecordData data) {

    public static final String VALIDATOR = "validator";
    public static final String MINER = "miner";
    /** The live {@code scoring_version}. */
    public static final double SCORING_VERSION = 0.1;

    /** A stable id for the record of {@code hotkey} on {@code taskId} (null: the ground truth) in bundle {@code bundleGuid}, batch {@code batch}. */
    public static String recordId(String bundleGuid, String taskId, String hotkey, long batch) {
        String key = bundleGuid + "|" + taskId + "|" + hotkey + "|" + batch;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
