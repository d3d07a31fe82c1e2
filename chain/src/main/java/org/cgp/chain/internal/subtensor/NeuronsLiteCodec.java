package org.cgp.chain.internal.subtensor;

import java.util.ArrayList;
import java.util.List;
import org.cgp.chain.internal.scale.ScaleException;
import org.cgp.chain.internal.scale.ScaleReader;
import org.cgp.chain.internal.scale.ScaleWriter;

/**
 * SCALE layout of {@code Vec<NeuronInfoLite>} as {@code NeuronInfoRuntimeApi_get_neurons_lite}
 * returns it. Runtimes before 293 (e.g. 218) wrap the vector in a {@code Vec<u8>}; later ones return
 * it typed. {@link #decode} tells them apart by checking which reading consumes the bytes exactly.
 */
public final class NeuronsLiteCodec {
    private NeuronsLiteCodec() {}

    /** Decodes either layout; fails with a {@link ScaleException} if neither reads the bytes exactly. */
    public static List<NeuronInfoLite> decode(byte[] result) {
        ScaleReader probe = new ScaleReader(result);
        if (result.length > 0) {
            int len;
            try {
                len = probe.compactLength();
            } catch (ScaleException e) {
                len = -1;
            }
            if (len > 0 && len == probe.remaining()) {
                try {
                    return decodeTyped(result, probe.position(), result.length);
                } catch (ScaleException wrappedFailed) {
                    // fall through: read it as the typed layout
                }
            }
        }
        return decodeTyped(result, 0, result.length);
    }

    /** Whether these bytes are the pre-293 {@code Vec<u8>}-wrapped layout. */
    public static boolean isWrapped(byte[] result) {
        try {
            ScaleReader r = new ScaleReader(result);
            int len = r.compactLength();
            if (len == 0 || len != r.remaining()) return false;
            decodeTyped(result, r.position(), result.length);
            return true;
        } catch (ScaleException e) {
            return false;
        }
    }

    private static List<NeuronInfoLite> decodeTyped(byte[] bytes, int from, int to) {
        ScaleReader r = new ScaleReader(bytes, from, to);
        int n = r.compactLength();
        if (n > r.remaining() / 100 + 1) throw new ScaleException("neuron count " + n + " cannot fit in " + r.remaining() + " bytes");
        List<NeuronInfoLite> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(one(r));
        r.expectEnd("Vec<NeuronInfoLite>");
        return out;
    }

    private static NeuronInfoLite one(ScaleReader r) {
        byte[] hotkey = r.bytes(32);
        byte[] coldkey = r.bytes(32);
        int uid = (int) r.compactLong();
        int netuid = (int) r.compactLong();
        boolean active = r.bool();
        long axonBlock = r.u64();
        long axonVersion = r.u32();
        var ip = r.u128();
        int port = r.u16();
        int ipType = r.u8();
        int protocol = r.u8();
        r.skip(2); // placeholders
        r.skip(8 + 4 + 16 + 2 + 1); // prometheus_info
        int stakes = r.compactLength();
        long stake = 0;
        for (int s = 0; s < stakes; s++) {
            r.skip(32);
            stake += r.compactLong();
        }
        int rank = (int) r.compactLong();
        long emission = r.compactLong();
        int incentive = (int) r.compactLong();
        int consensus = (int) r.compactLong();
        int trust = (int) r.compactLong();
        int validatorTrust = (int) r.compactLong();
        int dividends = (int) r.compactLong();
        long lastUpdate = r.compactLong();
        boolean permit = r.bool();
        int pruning = (int) r.compactLong();
        return new NeuronInfoLite(hotkey, coldkey, uid, netuid, active, axonBlock, axonVersion, ip, port, ipType, protocol,
                stake, rank, emission, incentive, consensus, trust, validatorTrust, dividends, lastUpdate, permit, pruning);
    }

    /** The typed layout (runtime 293 and later); {@code wrapped} adds the 218 {@code Vec<u8>} envelope. */
    public static byte[] encode(List<NeuronInfoLite> neurons, boolean wrapped) {
        ScaleWriter w = new ScaleWriter(neurons.size() * 200 + 8);
        w.compact(neurons.size());
        for (NeuronInfoLite n : neurons) {
            w.raw(n.hotkey()).raw(n.coldkey()).compact(n.uid()).compact(n.netuid()).bool(n.active());
            w.u64(n.axonBlock()).u32(n.axonVersion()).u128(n.axonIp()).u16(n.axonPort()).u8(n.axonIpType()).u8(n.axonProtocol()).u8(0).u8(0);
            w.u64(0).u32(0).u128(java.math.BigInteger.ZERO).u16(0).u8(0);
            w.compact(1).raw(n.coldkey()).compact(n.stakeRao());
            w.compact(n.rank()).compact(n.emission()).compact(n.incentive()).compact(n.consensus()).compact(n.trust())
                    .compact(n.validatorTrust()).compact(n.dividends()).compact(n.lastUpdate()).bool(n.validatorPermit()).compact(n.pruningScore());
        }
        byte[] typed = w.toByteArray();
        return wrapped ? new ScaleWriter(typed.length + 5).vecU8(typed).toByteArray() : typed;
    }
}
