package org.cgp.chain.internal.subtensor;

import java.math.BigInteger;
import org.cgp.chain.extrinsic.Call;
import org.cgp.chain.extrinsic.CallEncoder;
import org.cgp.chain.internal.metadata.RawScale;
import org.cgp.chain.internal.metadata.RuntimeMetadata;
import org.cgp.chain.internal.metadata.VariantValue;

/** The subtensor calls this project makes, encoded against a runtime's metadata. */
public final class SubtensorCalls {
    public static final String SUBTENSOR = "SubtensorModule";
    private final CallEncoder encoder;

    public SubtensorCalls(RuntimeMetadata metadata) { this.encoder = new CallEncoder(metadata); }

    public CallEncoder encoder() { return encoder; }

    public Call setWeights(int netuid, int[] uids, int[] weights, long versionKey) {
        return encoder.encode(SUBTENSOR, "set_weights", netuid, uids, weights, versionKey);
    }

    public Call serveAxon(int netuid, long version, BigInteger ip, int port, int ipType, int protocol) {
        return encoder.encode(SUBTENSOR, "serve_axon", netuid, version, ip, port, ipType, protocol, 0, 0);
    }

    public Call commitWeights(int netuid, byte[] commitHash) {
        return encoder.encode(SUBTENSOR, "commit_weights", netuid, commitHash);
    }

    public Call revealWeights(int netuid, int[] uids, int[] values, int[] salt, long versionKey) {
        return encoder.encode(SUBTENSOR, "reveal_weights", netuid, uids, values, salt, versionKey);
    }

    /** {@code register_network(hotkey[, mechid])}: runtime 218 takes a mechanism id, later ones do not. */
    public Call registerNetwork(byte[] hotkey, int mechid) {
        if (encoder.hasArgument(SUBTENSOR, "register_network", "mechid")) {
            return encoder.encode(SUBTENSOR, "register_network", hotkey, mechid);
        }
        return encoder.encode(SUBTENSOR, "register_network", hotkey);
    }

    public Call burnedRegister(int netuid, byte[] hotkey) { return encoder.encode(SUBTENSOR, "burned_register", netuid, hotkey); }

    public Call addStake(byte[] hotkey, int netuid, long amountRao) { return encoder.encode(SUBTENSOR, "add_stake", hotkey, netuid, amountRao); }

    /** {@code Balances.transfer_allow_death(dest, value)} to an account id. */
    public Call transfer(byte[] dest, long amountRao) {
        return encoder.encode("Balances", "transfer_allow_death", VariantValue.of("Id", dest), BigInteger.valueOf(amountRao));
    }

    /** {@code Sudo.sudo(call)}. */
    public Call sudo(Call call) { return encoder.encode("Sudo", "sudo", new RawScale(call.encoded())); }

    /** Any AdminUtils call, e.g. {@code sudo_set_tempo(netuid, tempo)}; wrap it with {@link #sudo}. */
    public Call adminUtils(String call, Object... args) { return encoder.encode("AdminUtils", call, args); }
}
