package org.cgp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cgp.chain.Chain;
import org.cgp.chain.Neuron;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.SubmissionJournal;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.chain.SubtensorChain;
import org.cgp.chain.rpc.Endpoints;
import org.cgp.chain.rpc.RpcConfig;
import org.slf4j.LoggerFactory;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.synapse.WireJson;

/** Opens the chain the flags name: a subtensor endpoint, or an offline metagraph. */
final class Chains {
    private Chains() {}

    static Chain open(CommonOptions o, Path offlineMetagraph) {
        if (o.offline || offlineMetagraph != null) {
            return offlineMetagraph == null ? new OfflineChain(o.netuid(), List.of(), SubnetHyperparameters.permissive())
                    : readMetagraph(offlineMetagraph, o.netuid());
        }
        String endpoint = Endpoints.resolve(o.network, o.chainEndpoint);
        LoggerFactory.getLogger(Chains.class).info("Connecting to subtensor {} ({})", o.network, endpoint);
        return SubtensorChain.connect(o.network, o.chainEndpoint, RpcConfig.defaults());
    }

    /** The journal of the weights extrinsic on its way to a block, in the validator's state folder. */
    static final String SUBMISSION_JOURNAL = "weights-submission.json";

    /** {@code chain}, journaling its weights extrinsics in {@code stateDir} when it is a real chain (a restart never sends them twice). */
    static Chain journaled(Chain chain, Path stateDir) {
        return chain instanceof SubtensorChain sc ? sc.withJournal(new SubmissionJournal(stateDir.resolve(SUBMISSION_JOURNAL))) : chain;
    }

    /**
     * A metagraph file: a JSON list of {@code {"uid", "hotkey", "ip", "port", "stake",
     * "validator_permit"}}, uids 0..n-1 in order; a neuron may carry {@code "commitment": "<hex of
     * the Raw bytes>"} (its endpoint commitment) and one may be {@code "owner": true} (the subnet's owner).
     */
    static OfflineChain readMetagraph(Path file, int netuid) {
        JsonNode root;
        try {
            root = WireJson.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("--offline.metagraph " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isArray()) throw new IllegalArgumentException("--offline.metagraph " + file + ": expected a JSON list of neurons");
        List<Neuron> out = new ArrayList<>();
        Map<String, byte[]> commitments = new LinkedHashMap<>();
        String owner = null;
        for (JsonNode n : root) {
            int uid = n.path("uid").asInt(out.size());
            if (uid != out.size()) throw new IllegalArgumentException("--offline.metagraph " + file + ": uids must be 0..n-1 in order, found " + uid);
            String hotkey = n.path("hotkey").asText(null);
            if (hotkey == null) throw new IllegalArgumentException("--offline.metagraph " + file + ": uid " + uid + " has no hotkey");
            out.add(Neuron.of(uid, hotkey, n.path("coldkey").asText(hotkey), n.path("stake").asDouble(0),
                    n.path("validator_permit").asBoolean(false),
                    new AxonInfo(n.path("ip").asText("0.0.0.0"), n.path("port").asInt(0), hotkey)));
            if (n.hasNonNull("commitment")) {
                String hex = n.get("commitment").asText().strip();
                try {
                    commitments.put(hotkey, HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--offline.metagraph " + file + ": uid " + uid + "'s commitment is not hex");
                }
            }
            if (n.path("owner").asBoolean(false)) {
                if (owner != null) throw new IllegalArgumentException("--offline.metagraph " + file + ": more than one neuron is the owner");
                owner = hotkey;
            }
        }
        OfflineChain chain = new OfflineChain(netuid, out, SubnetHyperparameters.permissive(), owner);
        commitments.forEach(chain::withCommitment);
        return chain;
    }
}
